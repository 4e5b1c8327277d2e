import { instantOfWallTime, parseCalendarDate, type CalendarDate } from '../time'

// Dates, times and numbers for a guest: Intl in the guest's language (the variant's) and the
// property's time zone, because the guest arrives by the property's clock (STYLE.md, "Strings").
// An Intl that does not know the language falls back to its default locale rather than throw.

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

function safeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  instant: number,
): string | null {
  try {
    return new Intl.DateTimeFormat(locale, options).format(instant)
  } catch {
    return null
  }
}

function instantOn(date: CalendarDate, hour: number, minute: number, timeZone: string): number {
  return instantOfWallTime({ ...date, hour, minute, second: 0, millisecond: 0 }, timeZone)
}

/** `2024-03-01` → "Friday 1 March 2024" (or "วันศุกร์ที่ 1 มีนาคม 2567") in `locale`. */
export function formatStayDate(date: string | null, timeZone: string, locale: string) {
  const day = date ? parseCalendarDate(date) : null
  if (!day) return null
  // Noon: no zone skips or repeats noon, so the instant is on that date whatever DST does.
  return safeFormat(locale, { dateStyle: 'full', timeZone }, instantOn(day, 12, 0, timeZone))
}

/**
 * `15:00` → "15:00" / "3:00 PM" in `locale`. Placed on `date` in the property's zone when it
 * is known, so a time inside a DST gap shows what the clocks will really read that day.
 */
export function formatStayTime(
  time: string | null,
  date: string | null,
  timeZone: string,
  locale: string,
): string | null {
  const parts = time ? TIME.exec(time) : null
  if (!parts) return null
  const hour = Number(parts[1])
  const minute = Number(parts[2])
  const day = date ? parseCalendarDate(date) : null
  if (day)
    return safeFormat(
      locale,
      { timeStyle: 'short', timeZone },
      instantOn(day, hour, minute, timeZone),
    )
  // No date yet (preview without a reservation): the wall-clock time itself, read as UTC.
  return safeFormat(
    locale,
    { timeStyle: 'short', timeZone: 'UTC' },
    Date.UTC(2000, 0, 1, hour, minute),
  )
}

/** A count as the guest's language writes digits; no plural word, so no grammar to get wrong. */
export function formatCount(count: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { useGrouping: false }).format(count)
  } catch {
    return String(count)
  }
}
