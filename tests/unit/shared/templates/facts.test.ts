import { describe, expect, it } from 'vitest'
import { fromZodIssue, localizedValue, propertyFactsSchema } from '@shared/templates'
import { facts } from './builders'

const problems = (input: unknown) => {
  const parsed = propertyFactsSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZodIssue(i, input))
}

describe('property facts', () => {
  it('accepts a full profile and an empty one', () => {
    expect(propertyFactsSchema.parse(facts())).toEqual(facts())
    expect(problems(facts({ address: null, wifi: null, checkInFrom: null }))).toEqual([])
  })

  it.each([
    ['a time that is not HH:MM', { checkInFrom: '3pm' }, '$.checkInFrom', 'invalidTime'],
    [
      'a translation under a region tag',
      { parking: { default: 'Garage', byLanguage: { 'pt-BR': 'Garagem' } } },
      '$.parking.byLanguage["pt-BR"]',
      'invalidLanguage',
    ],
    ['a Wi-Fi without password', { wifi: { network: 'Lobby' } }, '$.wifi.password', 'missingField'],
  ])('refuses %s with its path', (_label, patch, path, code) => {
    expect(problems({ ...facts(), ...patch }).map((e) => [e.path, e.code])).toEqual([[path, code]])
  })

  it('picks the text in the language, else the default, and treats blank as none', () => {
    const text = { default: ' Garage ', byLanguage: { fr: 'Garage couvert', de: '  ' } }
    expect(localizedValue(text, 'fr-CA')).toBe('Garage couvert')
    expect(localizedValue(text, 'de')).toBe('Garage')
    expect(localizedValue({ default: '', byLanguage: {} }, 'en')).toBeNull()
    expect(localizedValue(null, 'en')).toBeNull()
  })
})
