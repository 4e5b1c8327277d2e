import { describe, expect, it } from 'vitest'
import {
  AFTER_CHECK_OUT_GRACE_DAYS,
  checkInInstant,
  DEFAULT_CHECK_IN_TIME,
  dueInstant,
  expiresAt,
  type RuleTrigger,
  type ScheduleProperty,
  type ScheduleStay,
} from '@shared/templates'
import { at, iso } from './builders'
import { property, rule, stay } from './scheduleBuilders'

const lisbon = property()
const newYork = property({ propertyId: 'ny-1', timeZone: 'America/New_York' })
const bangkok = property({ propertyId: 'bkk-1', timeZone: 'Asia/Bangkok', checkInFrom: '14:00' })

const dueOf = (trigger: RuleTrigger, s: ScheduleStay, p: ScheduleProperty) =>
  iso(dueInstant(rule({ trigger }), s, p))
const expiryOf = (trigger: RuleTrigger, s: ScheduleStay, p: ScheduleProperty) =>
  iso(expiresAt(rule({ trigger }), s, p))

describe('dueInstant', () => {
  it.each<[string, RuleTrigger, ScheduleStay, ScheduleProperty, string]>([
    // Lisbon: clocks go forward on 31 March 2024 (01:00 → 02:00) and back on 27 October.
    [
      'Lisbon, 3 days before across spring forward: 10:00 WET',
      { kind: 'beforeCheckIn', days: 3, at: '10:00' },
      stay({ checkin: '2024-04-02', checkout: '2024-04-05' }),
      lisbon,
      '2024-03-30T10:00:00.000Z',
    ],
    [
      'Lisbon, 1 day before after spring forward: 10:00 WEST',
      { kind: 'beforeCheckIn', days: 1, at: '10:00' },
      stay({ checkin: '2024-04-02', checkout: '2024-04-05' }),
      lisbon,
      '2024-04-01T09:00:00.000Z',
    ],
    [
      'Lisbon, 2 days before across fall back: 10:00 WEST',
      { kind: 'beforeCheckIn', days: 2, at: '10:00' },
      stay({ checkin: '2024-10-28', checkout: '2024-10-30' }),
      lisbon,
      '2024-10-26T09:00:00.000Z',
    ],
    [
      'Lisbon, on the check-in day after fall back: 09:00 WET',
      { kind: 'onCheckInDay', at: '09:00' },
      stay({ checkin: '2024-10-28', checkout: '2024-10-30' }),
      lisbon,
      '2024-10-28T09:00:00.000Z',
    ],
    // New York: clocks go forward on 10 March 2024 (02:00 → 03:00) and back on 3 November.
    [
      'New York, 3 days before across spring forward: 10:00 EST',
      { kind: 'beforeCheckIn', days: 3, at: '10:00' },
      stay({ checkin: '2024-03-12' }),
      newYork,
      '2024-03-09T15:00:00.000Z',
    ],
    [
      'New York, a time skipped by spring forward: moved on by the gap (03:30 EDT)',
      { kind: 'onCheckInDay', at: '02:30' },
      stay({ checkin: '2024-03-10', checkout: '2024-03-12' }),
      newYork,
      '2024-03-10T07:30:00.000Z',
    ],
    [
      'New York, a time repeated by fall back: the first one (01:30 EDT)',
      { kind: 'onCheckInDay', at: '01:30' },
      stay({ checkin: '2024-11-03', checkout: '2024-11-05' }),
      newYork,
      '2024-11-03T05:30:00.000Z',
    ],
    [
      'New York, 2 days after a check-out before fall back: 10:00 EST',
      { kind: 'afterCheckOut', days: 2, at: '10:00' },
      stay({ checkin: '2024-10-30', checkout: '2024-11-02' }),
      newYork,
      '2024-11-04T15:00:00.000Z',
    ],
    // Bangkok: UTC+7 all year; 00:30 local is the previous day in UTC.
    [
      'Bangkok, 1 day before at 18:00',
      { kind: 'beforeCheckIn', days: 1, at: '18:00' },
      stay({ checkin: '2024-03-10', checkout: '2024-03-12' }),
      bangkok,
      '2024-03-09T11:00:00.000Z',
    ],
    [
      'Bangkok, on the check-in day at 00:30',
      { kind: 'onCheckInDay', at: '00:30' },
      stay({ checkin: '2024-03-10', checkout: '2024-03-12' }),
      bangkok,
      '2024-03-09T17:30:00.000Z',
    ],
    [
      'Bangkok, 7 days after check-out at 09:00',
      { kind: 'afterCheckOut', days: 7, at: '09:00' },
      stay({ checkin: '2024-12-28', checkout: '2024-12-30' }),
      bangkok,
      '2025-01-06T02:00:00.000Z',
    ],
  ])('%s', (_label, trigger, s, p, expected) => {
    expect(dueOf(trigger, s, p)).toBe(expected)
  })

  it('counts a delay after booking in elapsed minutes, even across a DST change', () => {
    const booked = stay({ bookedAt: at('2024-03-10T05:30:00.000Z') }) // 00:30 EST
    expect(dueOf({ kind: 'afterBooking', delayMinutes: 180 }, booked, newYork)).toBe(
      '2024-03-10T08:30:00.000Z', // 04:30 EDT: three hours later, though the clocks moved four
    )
    expect(dueOf({ kind: 'afterBooking', delayMinutes: 0 }, booked, newYork)).toBe(
      '2024-03-10T05:30:00.000Z',
    )
  })

  it('is never before the booking: a late booking gets a "before check-in" message at once', () => {
    const lastMinute = stay({ bookedAt: at('2024-03-11T12:00:00.000Z'), checkin: '2024-03-12' })
    expect(dueOf({ kind: 'beforeCheckIn', days: 3, at: '10:00' }, lastMinute, lisbon)).toBe(
      '2024-03-11T12:00:00.000Z',
    )
  })

  it('is null for dates that cannot be read', () => {
    expect(
      dueOf({ kind: 'onCheckInDay', at: '10:00' }, stay({ checkin: 'soon' }), lisbon),
    ).toBeNull()
    expect(
      dueOf({ kind: 'afterBooking', delayMinutes: 5 }, stay({ bookedAt: NaN }), lisbon),
    ).toBeNull()
  })
})

describe('expiresAt', () => {
  it('ends "before check-in" and "after booking" at check-in, by the profile or at 15:00', () => {
    expect(DEFAULT_CHECK_IN_TIME).toBe('15:00')
    const s = stay({ checkin: '2024-03-12' })
    const before: RuleTrigger = { kind: 'beforeCheckIn', days: 3, at: '10:00' }
    expect(expiryOf(before, s, newYork)).toBe('2024-03-12T19:00:00.000Z') // 15:00 EDT
    expect(expiryOf(before, s, bangkok)).toBe('2024-03-12T07:00:00.000Z') // 14:00 ICT
    expect(expiryOf({ kind: 'afterBooking', delayMinutes: 0 }, s, lisbon)).toBe(
      '2024-03-12T15:00:00.000Z',
    )
    expect(expiryOf(before, s, property({ checkInFrom: null }))).toBe('2024-03-12T15:00:00.000Z')
    expect(iso(checkInInstant(s, property({ checkInFrom: '16:30' })))).toBe(
      '2024-03-12T16:30:00.000Z',
    )
  })

  it('ends "on the check-in day" at the next local midnight, a 25-hour day included', () => {
    const onDay: RuleTrigger = { kind: 'onCheckInDay', at: '01:30' }
    const fallBack = stay({ checkin: '2024-11-03', checkout: '2024-11-05' })
    expect(expiryOf(onDay, fallBack, newYork)).toBe('2024-11-04T05:00:00.000Z')
    const bkk = stay({ checkin: '2024-03-10', checkout: '2024-03-12' })
    expect(expiryOf(onDay, bkk, bangkok)).toBe('2024-03-10T17:00:00.000Z')
  })

  it(`ends "after check-out" ${AFTER_CHECK_OUT_GRACE_DAYS} days after it was due, at the same local time`, () => {
    const s = stay({ checkin: '2024-10-30', checkout: '2024-11-02' })
    const after: RuleTrigger = { kind: 'afterCheckOut', days: 1, at: '10:00' }
    expect(expiryOf(after, s, newYork)).toBe('2024-11-05T15:00:00.000Z') // 10:00 EST
  })

  it("never outlives rule 1's send window, 7 days after check-out", () => {
    const s = stay({ checkin: '2024-03-10', checkout: '2024-03-12' })
    const late: RuleTrigger = { kind: 'afterCheckOut', days: 6, at: '10:00' }
    // Due 18 March 10:00; the window closes 19 March 11:00 (check-out time + 7 days).
    expect(expiryOf(late, s, lisbon)).toBe('2024-03-19T11:00:00.000Z')
    const tooLate: RuleTrigger = { kind: 'afterCheckOut', days: 7, at: '12:00' }
    expect(dueInstant(rule({ trigger: tooLate }), s, lisbon)!).toBeGreaterThan(
      expiresAt(rule({ trigger: tooLate }), s, lisbon)!,
    )
  })

  it('is null for a check-out date that cannot be read', () => {
    expect(
      expiryOf({ kind: 'onCheckInDay', at: '10:00' }, stay({ checkout: '' }), lisbon),
    ).toBeNull()
  })
})
