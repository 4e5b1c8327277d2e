import { describe, expect, it } from 'vitest'
import {
  closestPlaceholder,
  editDistance,
  PLACEHOLDER_KEYS,
  PLACEHOLDERS,
  placeholderQueryAt,
  suggestPlaceholders,
} from '@shared/templates'

describe('placeholder registry', () => {
  it('lists every placeholder of issue 8 once', () => {
    expect([...PLACEHOLDER_KEYS].sort()).toEqual(
      [
        'guest.name',
        'guest.firstName',
        'property.name',
        'property.address',
        'stay.checkInDate',
        'stay.checkInTime',
        'stay.checkOutDate',
        'stay.checkOutTime',
        'stay.nights',
        'reservation.number',
        'facts.directions',
        'facts.parking',
        'facts.wifiNetwork',
        'facts.wifiPassword',
        'facts.houseRules',
        'facts.contactHours',
      ].sort(),
    )
    expect(new Set(PLACEHOLDER_KEYS).size).toBe(PLACEHOLDER_KEYS.length)
  })

  it('gives each one its group, description key and insert text', () => {
    expect(PLACEHOLDERS.find((p) => p.key === 'facts.wifiPassword')).toEqual({
      key: 'facts.wifiPassword',
      group: 'facts',
      descriptionKey: 'templates:placeholders.facts.wifiPassword',
      insertText: '{{facts.wifiPassword}}',
    })
  })
})

describe('suggestPlaceholders', () => {
  const keys = (text: string) => suggestPlaceholders(text).map((p) => p.key)

  it('offers every placeholder right after {{', () => {
    expect(keys('Hello {{')).toEqual([...PLACEHOLDER_KEYS])
  })

  it.each([
    ['Hello {{gu', ['guest.name', 'guest.firstName']],
    ['Hello {{ guest.f', ['guest.firstName']],
    ['{{wifi', ['facts.wifiNetwork', 'facts.wifiPassword']],
    ['{{WIFI', ['facts.wifiNetwork', 'facts.wifiPassword']],
    ['{{checkOut', ['stay.checkOutDate', 'stay.checkOutTime']],
    ['{{number', ['reservation.number']],
  ])('narrows %s by the partial key', (text, expected) => {
    expect(keys(text)).toEqual(expected)
  })

  it('puts keys starting with the query before keys merely containing it', () => {
    expect(keys('{{name')).toEqual(['guest.name', 'property.name', 'guest.firstName'])
  })

  it.each([
    ['no braces', 'Hello'],
    ['a closed placeholder', 'Hi {{guest.name}} '],
    ['text after the braces', 'Hi {{guest, welcome'],
    ['a single brace', 'Hi {gu'],
    ['nothing matching', '{{breakfast'],
  ])('offers nothing after %s', (_label, text) => {
    expect(suggestPlaceholders(text)).toEqual([])
  })

  it('says where the replacement starts', () => {
    expect(placeholderQueryAt('Dear {{ gue')).toEqual({ replaceFrom: 5, query: 'gue' })
  })
})

describe('closestPlaceholder', () => {
  it.each([
    ['guest.nme', 'guest.name'],
    ['guest name', 'guest.name'],
    ['firstname', 'guest.firstName'],
    ['guest.fristName', 'guest.firstName'],
    ['wifi', 'facts.wifiNetwork'],
    ['adress', 'property.address'],
    ['stay.night', 'stay.nights'],
    ['x', null],
    ['breakfast', null],
  ])('%s → %s', (typed, expected) => {
    expect(closestPlaceholder(typed)).toBe(expected)
  })

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })
})
