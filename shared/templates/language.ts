import { z } from 'zod'

// Template variants and rule conditions name languages by their primary subtag (`pt`, `ar`):
// the platform's guest language arrives as a BCP 47 tag (`pt-BR`, `en-gb`) and a hotel writes
// one Portuguese text, not one per region. [ours]

const LANGUAGE_PATTERN = /^[a-z]{2,3}$/

/** A primary language subtag, lower case: `en`, `pt`, `ar`, `fil`. */
export const languageCodeSchema = z.string().regex(LANGUAGE_PATTERN, 'language')

/** `pt-BR`, `EN_gb`, `ar` → `pt`, `en`, `ar`; null when there is no usable subtag. */
export function normalizeLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null
  const primary = tag
    .trim()
    .split(/[-_.@]/)[0]
    ?.toLowerCase()
  return primary && LANGUAGE_PATTERN.test(primary) ? primary : null
}
