import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkInInstant,
  ruleApplies,
  scheduledSendKey,
  scheduleFor,
  type RuleConditions,
  type ScheduleCandidate,
} from '@shared/templates'
import { at, iso, template } from './builders'
import { property, rule, stay } from './scheduleBuilders'

const conditions = (overrides: Partial<RuleConditions>): RuleConditions => ({
  ...rule().conditions,
  ...overrides,
})

describe('ruleApplies', () => {
  const s = stay({ checkin: '2024-03-12', checkout: '2024-03-15' }) // 3 nights
  it.each<[string, Partial<RuleConditions>, string | null, boolean]>([
    ['no conditions', {}, null, true],
    ['its property', { propertyIds: ['lisbon-1'] }, null, true],
    ['another property', { propertyIds: ['ny-1'] }, null, false],
    ['3 nights within 2..3', { minNights: 2, maxNights: 3 }, null, true],
    ['3 nights below a minimum of 4', { minNights: 4 }, null, false],
    ['3 nights above a maximum of 2', { maxNights: 2 }, null, false],
    ['the guest language', { languages: ['pt'] }, 'pt-BR', true],
    ['another language', { languages: ['fr', 'de'] }, 'pt', false],
    ['an unknown language when languages are required', { languages: ['pt'] }, null, false],
    ['the conversation type', { conversationTypes: ['reservation'] }, null, true],
    ['another conversation type', { conversationTypes: ['request_to_book'] }, null, false],
  ])('%s → %s', (_label, overrides, language, expected) => {
    expect(ruleApplies(rule({ conditions: conditions(overrides) }), s, property(), language)).toBe(
      expected,
    )
  })

  it('never applies when disabled or to a cancelled booking', () => {
    expect(ruleApplies(rule({ enabled: false }), s, property(), 'en')).toBe(false)
    const cancelled = stay({ cancelledAt: at('2024-02-01T00:00:00Z') })
    expect(ruleApplies(rule(), cancelled, property(), 'en')).toBe(false)
  })
})

describe('scheduleFor', () => {
  const candidate = (overrides: Partial<ScheduleCandidate> = {}): ScheduleCandidate => ({
    stay: stay({ checkin: '2024-03-12', checkout: '2024-03-15' }),
    property: property(),
    language: 'en',
    ...overrides,
  })
  const before = rule() // 3 days before at 10:00 → 9 March 10:00Z; expires 12 March 15:00Z

  it.each([
    ['2024-03-09T09:59:59.999Z', 'pending'],
    ['2024-03-09T10:00:00.000Z', 'due'],
    ['2024-03-12T14:59:59.999Z', 'due'],
    ['2024-03-12T15:00:00.000Z', 'expired'],
  ])('at %s a "before check-in" message is %s', (now, status) => {
    const [entry] = scheduleFor([before], [candidate()], at(now))
    expect(entry).toEqual({
      ruleId: 'before-3',
      templateId: 'welcome',
      reservationId: '4380765874',
      key: scheduledSendKey('before-3', '4380765874'),
      mode: 'send',
      dueAt: at('2024-03-09T10:00:00.000Z'),
      expiresAt: at('2024-03-12T15:00:00.000Z'),
      status,
    })
  })

  it('marks a message that could only be due after it expired as expired, never due', () => {
    const bookedAfterCheckIn = candidate({
      stay: stay({ bookedAt: at('2024-03-12T18:00:00Z'), checkin: '2024-03-12' }),
    })
    const [entry] = scheduleFor([before], [bookedAfterCheckIn], at('2024-03-12T18:00:00Z'))
    expect(entry?.status).toBe('expired')
  })

  it('lists every applying pair, soonest first, and leaves out those whose conditions fail', () => {
    const thanks = rule({
      id: 'thanks',
      trigger: { kind: 'afterCheckOut', days: 1, at: '10:00' },
      mode: 'draft',
    })
    const portugueseOnly = rule({ id: 'pt-only', conditions: conditions({ languages: ['pt'] }) })
    const other = candidate({
      stay: stay({ reservationId: 'r2', checkin: '2024-03-05', checkout: '2024-03-07' }),
    })
    const entries = scheduleFor(
      [thanks, before, portugueseOnly],
      [candidate(), other],
      at('2024-03-01T00:00:00Z'),
    )
    expect(entries.map((e) => [e.ruleId, e.reservationId, iso(e.dueAt), e.mode])).toEqual([
      ['before-3', 'r2', '2024-03-02T10:00:00.000Z', 'send'],
      ['thanks', 'r2', '2024-03-08T10:00:00.000Z', 'draft'],
      ['before-3', '4380765874', '2024-03-09T10:00:00.000Z', 'send'],
      ['thanks', '4380765874', '2024-03-16T10:00:00.000Z', 'draft'],
    ])
  })

  it('with templates, leaves out rules whose template is missing, inactive, invalid or elsewhere', () => {
    const rules = ['ok', 'inactive', 'invalid', 'elsewhere', 'gone'].map((id) =>
      rule({ id, templateId: id }),
    )
    const templates = [
      template({ id: 'ok' }),
      template({ id: 'inactive', active: false }),
      template({ id: 'invalid', variants: [{ language: 'en', body: '{{oops}}' }] }),
      template({ id: 'elsewhere', propertyIds: ['ny-1'] }),
    ]
    const now = at('2024-03-01T00:00:00Z')
    expect(scheduleFor(rules, [candidate()], now, templates).map((e) => e.ruleId)).toEqual(['ok'])
    expect(scheduleFor(rules, [candidate()], now)).toHaveLength(5)
  })

  it('catches up only while a "before check-in" message makes sense: never due after check-in', () => {
    const zones = ['Europe/Lisbon', 'America/New_York', 'Asia/Bangkok']
    const day = 86_400_000
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 730 }), // check-in day from 2024-01-01
        fc.integer({ min: 1, max: 30 }), // days before
        fc.integer({ min: 0, max: 23 }), // hour
        fc.constantFrom(null, '14:00', '00:00', '23:30'), // check-in from
        fc.integer({ min: -40 * day, max: 5 * day }), // booking relative to check-in day
        fc.integer({ min: -40 * day, max: 5 * day }), // now relative to check-in day
        (timeZone, offset, days, hour, checkInFrom, booked, now) => {
          const base = Date.UTC(2024, 0, 1) + offset * day
          const checkin = new Date(base).toISOString().slice(0, 10)
          const checkout = new Date(base + 2 * day).toISOString().slice(0, 10)
          const s = stay({ checkin, checkout, bookedAt: base + booked })
          const p = property({ timeZone, checkInFrom })
          const r = rule({
            trigger: { kind: 'beforeCheckIn', days, at: `${String(hour).padStart(2, '0')}:00` },
          })
          const [entry] = scheduleFor([r], [{ stay: s, property: p, language: null }], base + now)
          const checkIn = checkInInstant(s, p)!
          expect(entry?.expiresAt).toBe(checkIn)
          if (entry?.status === 'due') {
            expect(base + now).toBeLessThan(checkIn)
            expect(entry.dueAt).toBeGreaterThanOrEqual(s.bookedAt)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('scheduledSendKey', () => {
  it('is the same for the same rule and reservation, whenever and wherever it is computed', () => {
    expect(scheduledSendKey('before-3', '4380765874')).toBe('scheduled:before-3:4380765874')
    expect(scheduledSendKey('before-3', '4380765874')).toBe(
      scheduledSendKey('before-3', '4380765874'),
    )
  })

  it('differs for every other pair, even when ids contain the separator', () => {
    expect(scheduledSendKey('a:b', 'c')).not.toBe(scheduledSendKey('a', 'b:c'))
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (r1, s1, r2, s2) => {
        fc.pre(r1 !== r2 || s1 !== s2)
        expect(scheduledSendKey(r1, s1)).not.toBe(scheduledSendKey(r2, s2))
      }),
    )
  })

  it('does not change when the rule is edited, so an edit never resends', () => {
    const s = stay()
    const now = at('2024-03-01T00:00:00Z')
    const c = { stay: s, property: property(), language: 'en' }
    const [first] = scheduleFor([rule()], [c], now)
    const [edited] = scheduleFor(
      [rule({ trigger: { kind: 'beforeCheckIn', days: 1, at: '18:00' } })],
      [c],
      now,
    )
    expect(edited?.key).toBe(first?.key)
    expect(edited?.dueAt).not.toBe(first?.dueAt)
  })
})
