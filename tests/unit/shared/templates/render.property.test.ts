import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PLACEHOLDER_KEYS,
  placeholderValue,
  renderTemplate,
  type PlaceholderKey,
} from '@shared/templates'
import { context, facts, LANGUAGES } from './builders'

// Any body, any context: the rendered text holds no placeholder syntax, and `missing` is
// exactly the placeholders of the body that have no value.

const braceFree = fc.string({ maxLength: 12 }).map((text) => text.replace(/[{}]/g, ''))
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const piece = fc.oneof(
  braceFree,
  fc.constantFrom(...PLACEHOLDER_KEYS).map((key) => `{{${key}}}`),
  fc.constantFrom('{', '}', '{{', '}}', '{{ }}', '{{guest.nme}}', '{{{', '\n'),
)
const arbitraryContext = fc
  .record({
    guestName: optional(braceFree),
    propertyName: optional(braceFree),
    reservationNumber: optional(braceFree),
    checkin: optional(fc.constantFrom('2024-03-01', '2024-10-27', 'not a date')),
    checkout: optional(fc.constantFrom('2024-03-04', '2024-11-03')),
    checkInFrom: optional(fc.constantFrom('15:00', '02:30', '00:00')),
    parking: optional(braceFree),
    wifiPassword: optional(braceFree),
    timeZone: fc.constantFrom('Europe/Lisbon', 'America/New_York', 'Asia/Bangkok'),
  })
  .map(({ parking, wifiPassword, checkInFrom, ...rest }) =>
    context({
      ...rest,
      facts: facts({
        checkInFrom,
        parking: parking === null ? null : { default: parking, byLanguage: {} },
        wifi: wifiPassword === null ? null : { network: 'Lobby', password: wifiPassword },
      }),
    }),
  )

describe('renderTemplate properties', () => {
  it('never leaves {{ or }} in the text, and reports exactly the placeholders without value', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        arbitraryContext,
        fc.constantFrom(...LANGUAGES),
        (pieces, ctx, locale) => {
          const body = pieces.join('')
          const result = renderTemplate(body, ctx, locale)
          expect(result.text).not.toContain('{{')
          expect(result.text).not.toContain('}}')
          const used = new Set(
            [...body.matchAll(/\{\{([\w.]+)\}\}/g)]
              .map((m) => m[1] as PlaceholderKey)
              .filter((key) => PLACEHOLDER_KEYS.includes(key)),
          )
          const withoutValue = [...used].filter(
            (key) => placeholderValue(key, ctx, locale) === null,
          )
          expect(new Set(result.missing)).toEqual(new Set(withoutValue))
          expect(result.complete).toBe(withoutValue.length === 0 && result.errors.length === 0)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('renders a complete text that is the body with each placeholder replaced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(braceFree, fc.constantFrom(...PLACEHOLDER_KEYS)), { maxLength: 10 }),
        (parts) => {
          const ctx = context()
          const body = parts
            .map((p) => (PLACEHOLDER_KEYS.includes(p as PlaceholderKey) ? `{{${p}}}` : p))
            .join('')
          const expected = parts
            .map((p) =>
              PLACEHOLDER_KEYS.includes(p as PlaceholderKey)
                ? placeholderValue(p as PlaceholderKey, ctx, 'en')
                : p,
            )
            .join('')
          const result = renderTemplate(body, ctx, 'en')
          expect(result.complete).toBe(true)
          expect(result.text).toBe(expected)
        },
      ),
    )
  })
})
