import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateReadWindow, evaluateSendWindow } from '@shared/policy'
import { at, codes, conversation, iso, MS } from './builders'

describe('send window (rules 1 and 2)', () => {
  it.each([
    // label, zone, checkout date, checkout time, expected close = checkout date + 7 at that wall time
    ['Lisbon, no DST change', 'Europe/Lisbon', '2024-02-10', '11:00', '2024-02-17T11:00:00.000Z'],
    [
      'Lisbon, clocks go forward in between',
      'Europe/Lisbon',
      '2024-03-28',
      '11:00',
      '2024-04-04T10:00:00.000Z',
    ],
    [
      'Lisbon, clocks go back in between',
      'Europe/Lisbon',
      '2024-10-22',
      '11:00',
      '2024-10-29T11:00:00.000Z',
    ],
    [
      'New York, clocks go forward in between',
      'America/New_York',
      '2024-03-05',
      '11:00',
      '2024-03-12T15:00:00.000Z',
    ],
    [
      'New York, clocks go back in between',
      'America/New_York',
      '2024-10-30',
      '10:00',
      '2024-11-06T15:00:00.000Z',
    ],
    ['Bangkok', 'Asia/Bangkok', '2024-03-05', '12:00', '2024-03-12T05:00:00.000Z'],
    [
      'Bangkok, no check-out time (11:00)',
      'Asia/Bangkok',
      '2024-03-05',
      null,
      '2024-03-12T04:00:00.000Z',
    ],
  ])(
    'closes 7 days after check-out at the property clock: %s',
    (_label, timeZone, checkout, checkoutTime, closes) => {
      const subject = conversation({
        property: { timeZone, checkoutTime },
        reservation: { checkout, checkin: '2024-01-31' },
      })
      const closesAt = at(closes)
      expect(iso(evaluateSendWindow(subject, closesAt).closesAt)).toBe(closes)
      expect(evaluateSendWindow(subject, closesAt - MS).allowed).toBe(true)
      expect(codes(evaluateSendWindow(subject, closesAt))).toEqual(['sendWindowClosed'])
      expect(evaluateSendWindow(subject, closesAt + MS).allowed).toBe(false)
    },
  )

  it('opens at the instant of booking, not a millisecond before', () => {
    const subject = conversation({ reservation: { bookedAt: at('2024-01-10T09:00:00.000Z') } })
    const before = evaluateSendWindow(subject, at('2024-01-10T09:00:00.000Z') - MS)
    expect(codes(before)).toEqual(['sendWindowNotOpen'])
    expect(before.reasons[0]?.values.from).toBe(at('2024-01-10T09:00:00.000Z'))
    expect(evaluateSendWindow(subject, at('2024-01-10T09:00:00.000Z')).allowed).toBe(true)
  })

  it('says until when the property can write while the window is open', () => {
    const decision = evaluateSendWindow(conversation(), at('2024-03-06T00:00:00.000Z'))
    expect(decision.reasons).toEqual([
      expect.objectContaining({
        code: 'sendWindowOpenUntil',
        severity: 'info',
        rule: 1,
        values: { until: at('2024-03-12T11:00:00.000Z') },
      }),
    ])
  })

  describe('a cancelled booking', () => {
    const cancelledAt = at('2024-02-01T15:30:00.000Z')
    const subject = conversation({ reservation: { cancelledAt } })
    const closes = at('2024-02-08T15:30:00.000Z')

    it.each([
      [closes - MS, true],
      [closes, false],
      [closes + MS, false],
    ])('closes 7 days after cancellation (at %i: allowed %s)', (now, allowed) => {
      expect(evaluateSendWindow(subject, now).allowed).toBe(allowed)
    })

    it('counts the 7 days in the property zone across a DST change', () => {
      const nearChange = conversation({
        property: { timeZone: 'America/New_York' },
        reservation: { cancelledAt: at('2024-03-08T14:00:00.000Z') },
      })
      // 09:00 EST on 8 March → 09:00 EDT on 15 March, which is 13:00 UTC, not 14:00.
      expect(iso(evaluateSendWindow(nearChange, 0).closesAt)).toBe('2024-03-15T13:00:00.000Z')
    })

    it('lets a later guest message extend it by 14 days', () => {
      const wrote = at('2024-02-20T10:00:00.000Z')
      const extended = conversation({ reservation: { cancelledAt }, lastGuestMessageAt: wrote })
      expect(iso(evaluateSendWindow(extended, wrote).closesAt)).toBe('2024-03-05T10:00:00.000Z')
    })
  })

  describe('a guest message on day 6 after check-out', () => {
    const day6 = at('2024-03-11T18:00:00.000Z') // check-out 5 March 11:00 Lisbon
    const subject = conversation({ lastGuestMessageAt: day6 })
    const day20 = at('2024-03-25T18:00:00.000Z')

    it('extends the window to day 20, past the 7 days', () => {
      const decision = evaluateSendWindow(subject, at('2024-03-15T00:00:00.000Z'))
      expect(decision.allowed).toBe(true)
      expect(iso(decision.closesAt)).toBe(iso(day20))
      expect(iso(decision.baseClosesAt)).toBe('2024-03-12T11:00:00.000Z')
      expect(codes(decision)).toEqual(['replyWindowOpenUntil'])
      expect(decision.reasons[0]?.rule).toBe(2)
    })

    it.each([
      [day20 - MS, true],
      [day20, false],
      [day20 + MS, false],
    ])('closes exactly 14 days after the message (at %i: allowed %s)', (now, allowed) => {
      expect(evaluateSendWindow(subject, now).allowed).toBe(allowed)
    })

    it('keeps 18:00 Lisbon time when the clocks change in between', () => {
      const beforeChange = conversation({ lastGuestMessageAt: at('2024-03-25T18:00:00.000Z') })
      expect(iso(evaluateSendWindow(beforeChange, 0).closesAt)).toBe('2024-04-08T17:00:00.000Z')
    })
  })

  it('never shortens the window for a guest message written early', () => {
    const early = conversation({ lastGuestMessageAt: at('2024-01-15T10:00:00.000Z') })
    expect(iso(evaluateSendWindow(early, 0).closesAt)).toBe('2024-03-12T11:00:00.000Z')
  })

  it('reports an unknown window, without blocking, when the reservation is not known', () => {
    const decision = evaluateSendWindow(conversation({ reservation: null }), 0)
    expect(decision).toMatchObject({ allowed: true, closesAt: null, opensAt: null })
    expect(codes(decision)).toEqual(['sendWindowUnknown'])
  })
})

describe('read window (rule 3)', () => {
  it.each([
    ['check-out', conversation(), '2025-03-05T11:00:00.000Z'],
    [
      'cancellation',
      conversation({ reservation: { cancelledAt: at('2024-02-01T15:30:00.000Z') } }),
      '2025-02-01T15:30:00.000Z',
    ],
    [
      'check-out in Bangkok',
      conversation({ property: { timeZone: 'Asia/Bangkok', checkoutTime: '12:00' } }),
      '2025-03-05T05:00:00.000Z',
    ],
  ])('expires one year after %s', (_label, subject, expires) => {
    const closesAt = at(expires)
    expect(evaluateReadWindow(subject, closesAt - MS)).toMatchObject({
      allowed: true,
      expired: false,
      closesAt,
    })
    expect(evaluateReadWindow(subject, closesAt)).toMatchObject({ allowed: false, expired: true })
    expect(codes(evaluateReadWindow(subject, closesAt + MS))).toEqual(['conversationExpired'])
  })

  it('keeps the wall time a year on when that day is in summer time', () => {
    const summerCheckout = conversation({ reservation: { checkout: '2024-03-30' } })
    // 30 March 2024 is winter time in Lisbon (11:00Z), 30 March 2025 is summer time (10:00Z).
    expect(iso(evaluateReadWindow(summerCheckout, 0).closesAt)).toBe('2025-03-30T10:00:00.000Z')
  })
})

describe('window invariants', () => {
  const instant = fc.integer({ min: at('2023-01-01T00:00:00Z'), max: at('2026-01-01T00:00:00Z') })
  const zone = fc.constantFrom('Europe/Lisbon', 'America/New_York', 'Asia/Bangkok')
  const checkoutDate = fc
    .date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2024-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10))
  const subject = fc
    .record({
      timeZone: zone,
      checkout: checkoutDate,
      bookedAt: fc.integer({ min: at('2023-01-01T00:00:00Z'), max: at('2024-01-01T00:00:00Z') }),
      cancelledAt: fc.option(instant),
      lastGuestMessageAt: fc.option(instant),
    })
    .map((facts) =>
      conversation({
        property: { timeZone: facts.timeZone },
        reservation: {
          bookedAt: facts.bookedAt,
          checkin: '2023-12-31',
          checkout: facts.checkout,
          cancelledAt: facts.cancelledAt,
        },
        lastGuestMessageAt: facts.lastGuestMessageAt,
      }),
    )

  it('a later now never reopens a closed window without a new guest message', () => {
    fc.assert(
      fc.property(
        subject,
        instant,
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (facts, now, later) => {
          const closed = evaluateSendWindow(facts, now).reasons.some(
            (item) => item.code === 'sendWindowClosed',
          )
          if (closed) expect(evaluateSendWindow(facts, now + later).allowed).toBe(false)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('once open, a window stays open until it closes, then stays closed', () => {
    fc.assert(
      fc.property(subject, instant, instant, (facts, first, second) => {
        const [early, late] = first <= second ? [first, second] : [second, first]
        const before = evaluateSendWindow(facts, early)
        const after = evaluateSendWindow(facts, late)
        if (!before.allowed && after.allowed) expect(codes(before)).toEqual(['sendWindowNotOpen'])
        if (before.allowed && !after.allowed) expect(codes(after)).toEqual(['sendWindowClosed'])
      }),
      { numRuns: 500 },
    )
  })

  it('a guest message never closes an open window', () => {
    fc.assert(
      fc.property(subject, instant, (facts, now) => {
        const withMessage = {
          ...facts,
          lastGuestMessageAt: Math.max(now, facts.lastGuestMessageAt ?? now),
        }
        if (evaluateSendWindow(facts, now).allowed)
          expect(evaluateSendWindow(withMessage, now).allowed).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('the send window always closes before the conversation expires unless the guest wrote late', () => {
    fc.assert(
      fc.property(subject, (facts) => {
        const withoutGuest = { ...facts, lastGuestMessageAt: null }
        const send = evaluateSendWindow(withoutGuest, 0).closesAt ?? 0
        expect(send).toBeLessThan(evaluateReadWindow(withoutGuest, 0).closesAt ?? 0)
      }),
      { numRuns: 300 },
    )
  })
})
