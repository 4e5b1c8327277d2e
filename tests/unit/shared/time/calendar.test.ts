import { describe, expect, it } from 'vitest'
import {
  addCalendarDays,
  addCalendarYears,
  formatCalendarDate,
  parseCalendarDate,
} from '@shared/time'

describe('calendar dates', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-1-01', '24-01-01', ''])(
    'refuses %j',
    (text) => {
      expect(parseCalendarDate(text)).toBeNull()
    },
  )

  it('reads a leap day', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
  })

  it.each([
    ['2024-12-28', 7, '2025-01-04'],
    ['2024-02-25', 7, '2024-03-03'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('adds days: %s + %i = %s', (date, days, expected) => {
    expect(formatCalendarDate(addCalendarDays(parseCalendarDate(date)!, days))).toBe(expected)
  })

  it('clamps 29 February to 28 February a year later', () => {
    expect(formatCalendarDate(addCalendarYears({ year: 2024, month: 2, day: 29 }, 1))).toBe(
      '2025-02-28',
    )
  })
})
