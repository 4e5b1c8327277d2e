import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { nl } from './nl'
import { pl } from './pl'
import { pt } from './pt'
import { ru } from './ru'
import { th } from './th'
import type { Phrasebook } from './types'

export type { Phrasebook, Topic } from './types'
export { TOPICS } from './types'

/** Guest and property texts in the ten UI languages. */
export const phrasebooks = { en, fr, es, pt, ru, th, de, nl, pl, ar } satisfies Record<
  string,
  Phrasebook
>
export type SeedLanguage = keyof typeof phrasebooks
