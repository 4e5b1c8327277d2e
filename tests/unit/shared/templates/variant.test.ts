import { describe, expect, it } from 'vitest'
import { normalizeLanguage, pickVariant } from '@shared/templates'
import { template } from './builders'

const languageOf = (picked: ReturnType<typeof pickVariant>) => picked?.variant.language

describe('pickVariant', () => {
  const bilingual = template({
    defaultLanguage: 'en',
    variants: [
      { language: 'en', body: 'Hello' },
      { language: 'pt', body: 'Olá' },
      { language: 'ar', body: 'مرحبًا' },
    ],
  })

  it.each([
    ["the reservation's language", 'pt', null, 'pt', false],
    ['a regional tag by its language', 'pt-BR', null, 'pt', false],
    ['the detected language when the reservation has none', null, 'ar', 'ar', false],
    ["the reservation's language over the detected one", 'pt', 'ar', 'pt', false],
    ['the detected language when the reservation language has no variant', 'it', 'ar', 'ar', false],
    ['the default, with a note, when neither has a variant', 'it', 'de', 'en', true],
    ['the default, with a note, when the language is unknown', null, null, 'en', true],
    ['the default for a tag that is not a language', '??', null, 'en', true],
  ])('picks %s', (_label, guest, detected, expected, fellBack) => {
    const picked = pickVariant(bilingual, guest, detected)
    expect(languageOf(picked)).toBe(expected)
    expect(picked?.fellBack).toBe(fellBack)
  })

  it('says which language was wanted', () => {
    expect(pickVariant(bilingual, 'it-IT', 'de')?.wanted).toBe('it')
    expect(pickVariant(bilingual, null, 'de')?.wanted).toBe('de')
    expect(pickVariant(bilingual, null, null)?.wanted).toBeNull()
  })

  it('uses the first variant when the default one is missing, and null when there is none', () => {
    const broken = template({ defaultLanguage: 'fr', variants: [{ language: 'pt', body: 'Olá' }] })
    expect(languageOf(pickVariant(broken, 'de', null))).toBe('pt')
    expect(pickVariant(template({ variants: [] }), 'en', null)).toBeNull()
  })
})

describe('normalizeLanguage', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['EN_gb', 'en'],
    ['ar', 'ar'],
    ['fil', 'fil'],
    ['de_DE.UTF-8', 'de'],
    ['', null],
    [null, null],
    ['123', null],
    ['english', null],
  ])('%s → %s', (tag, expected) => {
    expect(normalizeLanguage(tag)).toBe(expected)
  })
})
