import { parseCalendarDate } from '@shared/time'

/**
 * A `YYYY-MM-DD` calendar date in the UI language. Calendar dates are not instants: they are
 * formatted at noon UTC in UTC, so no time zone can move them to the day before or after.
 */
export function formatCalendarDate(
  date: string,
  language: string,
  { withYear = false, withWeekday = true }: { withYear?: boolean; withWeekday?: boolean } = {},
): string {
  const parsed = parseCalendarDate(date)
  if (!parsed) return date
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    weekday: withWeekday ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
    year: withYear ? 'numeric' : undefined,
  }).format(Date.UTC(parsed.year, parsed.month - 1, parsed.day, 12))
}

/** A language code (`pt-BR`) as its name in the UI language; the code itself when unknown. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
