import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDaysInZone,
  addYearsInZone,
  instantOfWallTime,
  wallTimeAt,
  zoneOffsetAt,
  type WallTime,
} from '@shared/time'

const at = (iso: string) => Date.parse(iso)
const wall = (date: string, time: string): WallTime => {
  const [year, month, day] = date.split('-').map(Number)
  const [hour, minute] = time.split(':').map(Number)
  return {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: 0,
    millisecond: 0,
  }
}

describe('instantOfWallTime', () => {
  it.each([
    ['Lisbon winter (UTC+0)', 'Europe/Lisbon', '2024-03-30', '11:00', '2024-03-30T11:00:00.000Z'],
    [
      'Lisbon on the day clocks go forward',
      'Europe/Lisbon',
      '2024-03-31',
      '11:00',
      '2024-03-31T10:00:00.000Z',
    ],
    [
      'Lisbon on the day clocks go back',
      'Europe/Lisbon',
      '2024-10-27',
      '11:00',
      '2024-10-27T11:00:00.000Z',
    ],
    [
      'New York in summer (UTC-4)',
      'America/New_York',
      '2024-07-01',
      '11:00',
      '2024-07-01T15:00:00.000Z',
    ],
    [
      'New York on the day clocks go forward',
      'America/New_York',
      '2024-03-10',
      '11:00',
      '2024-03-10T15:00:00.000Z',
    ],
    [
      'New York on the day clocks go back',
      'America/New_York',
      '2024-11-03',
      '11:00',
      '2024-11-03T16:00:00.000Z',
    ],
    ['Bangkok (UTC+7, no DST)', 'Asia/Bangkok', '2024-01-01', '11:00', '2024-01-01T04:00:00.000Z'],
    [
      'Bangkok at midnight, previous UTC day',
      'Asia/Bangkok',
      '2024-01-01',
      '00:00',
      '2023-12-31T17:00:00.000Z',
    ],
  ])('converts %s', (_label, zone, date, time, expected) => {
    expect(new Date(instantOfWallTime(wall(date, time), zone)).toISOString()).toBe(expected)
  })

  it.each([
    ['Lisbon', 'Europe/Lisbon', '2024-03-31', '01:30', '2024-03-31T01:30:00.000Z'],
    ['New York', 'America/New_York', '2024-03-10', '02:30', '2024-03-10T07:30:00.000Z'],
  ])(
    'moves a time skipped by the %s spring change forward by the gap',
    (_l, zone, date, time, iso) => {
      expect(new Date(instantOfWallTime(wall(date, time), zone)).toISOString()).toBe(iso)
    },
  )

  it.each([
    ['Lisbon', 'Europe/Lisbon', '2024-10-27', '01:30', '2024-10-27T00:30:00.000Z'],
    ['New York', 'America/New_York', '2024-11-03', '01:30', '2024-11-03T05:30:00.000Z'],
  ])(
    'picks the earlier of a time repeated by the %s autumn change',
    (_l, zone, date, time, iso) => {
      expect(new Date(instantOfWallTime(wall(date, time), zone)).toISOString()).toBe(iso)
    },
  )
})

describe('wallTimeAt and zoneOffsetAt', () => {
  it('reads the wall clock and offset either side of the Lisbon spring change', () => {
    expect(wallTimeAt(at('2024-03-31T00:59:59.999Z'), 'Europe/Lisbon')).toMatchObject({
      hour: 0,
      minute: 59,
      millisecond: 999,
    })
    expect(wallTimeAt(at('2024-03-31T01:00:00.000Z'), 'Europe/Lisbon')).toMatchObject({
      hour: 2,
      minute: 0,
    })
    expect(zoneOffsetAt(at('2024-03-31T00:59:59.999Z'), 'Europe/Lisbon')).toBe(0)
    expect(zoneOffsetAt(at('2024-03-31T01:00:00.000Z'), 'Europe/Lisbon')).toBe(3_600_000)
  })

  it('reads midnight as hour 0', () => {
    expect(wallTimeAt(at('2024-01-01T00:00:00.000Z'), 'UTC').hour).toBe(0)
  })

  // Offsets are cached by zone and UTC day (all but transition days): every reading must still
  // be what Intl itself shows, on transition days to the millisecond either side of the change.
  it('agrees with Intl for any instant, transition days included', () => {
    const zones = [
      'Europe/Lisbon',
      'America/New_York',
      'Australia/Lord_Howe', // a half-hour change
      'Asia/Kathmandu', // +05:45
      'America/St_Johns', // -03:30 with daylight saving
      'Africa/Monrovia', // -00:44:30 until 1972
      'Pacific/Apia', // skipped 30 December 2011
      'Asia/Bangkok',
    ]
    const intl = (instant: number, timeZone: string) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }).formatToParts(new Date(instant))
      const field = (type: string) => Number(parts.find((p) => p.type === type)!.value)
      return {
        year: field('year'),
        month: field('month'),
        day: field('day'),
        hour: field('hour') % 24,
        minute: field('minute'),
        second: field('second'),
        millisecond: ((instant % 1000) + 1000) % 1000,
      }
    }
    // Instants anywhere, and instants within a minute of a known change of each zone.
    const changes = [
      at('2024-03-31T01:00:00Z'),
      at('2024-11-03T06:00:00Z'),
      at('2024-04-06T15:00:00Z'),
      at('2011-12-30T10:00:00Z'),
      at('1972-01-07T00:44:30Z'),
      at('1992-09-27T01:00:00Z'),
    ]
    const near = fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -60_000, max: 60_000 }))
      .map(([change, delta]) => change + delta)
    const anywhere = fc.integer({
      min: at('1960-01-01T00:00:00Z'),
      max: at('2110-01-01T00:00:00Z'),
    })
    fc.assert(
      fc.property(fc.oneof(anywhere, near), fc.constantFrom(...zones), (instant, zone) => {
        expect(wallTimeAt(instant, zone)).toEqual(intl(instant, zone))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('addDaysInZone', () => {
  it('keeps 11:00 Lisbon time across the autumn change instead of adding 168 hours', () => {
    const elevenWest = at('2024-10-22T10:00:00.000Z') // 11:00 WEST
    expect(new Date(addDaysInZone(elevenWest, 7, 'Europe/Lisbon')).toISOString()).toBe(
      '2024-10-29T11:00:00.000Z',
    )
  })

  it('keeps 11:00 New York time across the spring change', () => {
    const elevenEst = at('2024-03-05T16:00:00.000Z') // 11:00 EST
    expect(new Date(addDaysInZone(elevenEst, 14, 'America/New_York')).toISOString()).toBe(
      '2024-03-19T15:00:00.000Z',
    )
  })

  it('keeps the milliseconds of the original instant', () => {
    expect(addDaysInZone(at('2024-01-01T10:00:00.123Z'), 1, 'Asia/Bangkok')).toBe(
      at('2024-01-02T10:00:00.123Z'),
    )
  })
})

describe('addYearsInZone', () => {
  it('moves 29 February to 28 February', () => {
    expect(new Date(addYearsInZone(at('2024-02-29T12:00:00.000Z'), 1, 'UTC')).toISOString()).toBe(
      '2025-02-28T12:00:00.000Z',
    )
  })

  it('keeps the wall time when the offset differs a year later', () => {
    // 2024-03-31 is summer time in Lisbon from 01:00 UTC; 2025-03-31 is summer time too.
    expect(
      new Date(addYearsInZone(at('2024-03-30T11:00:00.000Z'), 1, 'Europe/Lisbon')).toISOString(),
    ).toBe('2025-03-30T10:00:00.000Z')
  })
})

describe('round trips', () => {
  const zones = ['Europe/Lisbon', 'America/New_York', 'Asia/Bangkok', 'Australia/Lord_Howe', 'UTC']
  const instants = fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') })

  it('finds an instant that shows the same wall time for any instant and zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (instant, zone) => {
        const shown = wallTimeAt(instant, zone)
        const back = instantOfWallTime(shown, zone)
        expect(wallTimeAt(back, zone)).toEqual(shown)
        expect(back).toBeLessThanOrEqual(instant)
      }),
      { numRuns: 2000 },
    )
  })

  // Whole days move by exactly the zone's offset change between the two instants (daylight
  // saving, but also a change of standard time such as Lisbon's 1992 move to CET), give or take
  // the length of a gap when the wall time does not exist on the target day.
  it('moves by whole days, shifted only by the change of the zone offset', () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...zones),
        (instant, days, zone) => {
          const moved = addDaysInZone(instant, days, zone)
          const offsetChange = zoneOffsetAt(instant, zone) - zoneOffsetAt(moved, zone)
          const drift = moved - (instant + days * 86_400_000) - offsetChange
          expect(Math.abs(drift)).toBeLessThanOrEqual(3_600_000)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it("keeps the wall time across Lisbon's 1992 change from WET to CET", () => {
    const start = at('1992-03-01T03:00:00.000Z')
    const moved = addDaysInZone(start, 392, 'Europe/Lisbon')
    expect(new Date(moved).toISOString()).toBe('1993-03-28T01:00:00.000Z')
    expect(wallTimeAt(moved, 'Europe/Lisbon')).toMatchObject({ day: 28, hour: 3, minute: 0 })
  })
})
