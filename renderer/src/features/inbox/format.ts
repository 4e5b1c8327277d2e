// Dates, times and durations of the inbox in the UI language, through Intl. Stay dates are
// calendar dates of the property (formatted as such, never shifted by a time zone); instants
// are shown in the desk's own time zone.

import { dateFormat, numberFormat } from '@/i18n/formats'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function unitFormat(locale: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })
}

function calendarDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
}

/** "12–14 Mar", with the year when the stay is not in the current one. */
export function stayDates(
  checkin: string | null,
  checkout: string | null,
  locale: string,
  now: number,
): string | null {
  const thisYear = new Date(now).getUTCFullYear()
  // formatRange is slow (a fraction of a millisecond), and a list draws the same stays often.
  const key = `${locale}|${checkin}|${checkout}|${thisYear}`
  const known = stayDatesMemo.get(key)
  if (known !== undefined) return known
  const text = formatStayDates(checkin, checkout, locale, thisYear)
  if (stayDatesMemo.size >= STAY_DATES_MEMO) stayDatesMemo.clear()
  stayDatesMemo.set(key, text)
  return text
}

const stayDatesMemo = new Map<string, string | null>()
const STAY_DATES_MEMO = 5_000

function formatStayDates(
  checkin: string | null,
  checkout: string | null,
  locale: string,
  thisYear: number,
): string | null {
  const from = checkin ? calendarDate(checkin) : null
  const to = checkout ? calendarDate(checkout) : null
  if (!from || !to) return null
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC' }
  if (from.getUTCFullYear() !== thisYear || to.getUTCFullYear() !== thisYear) {
    options.year = 'numeric'
  }
  return dateFormat(locale, options).formatRange(from, to)
}

/** A calendar date alone, e.g. an arrival filter's bound. */
export function calendarDateLabel(text: string, locale: string): string {
  const date = calendarDate(text)
  if (!date) return text
  return dateFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date)
}

/** The time of an instant today, else its date: a list's "when". */
export function activityTime(instant: number, locale: string, now: number): string {
  const sameDay = new Date(instant).toDateString() === new Date(now).toDateString()
  if (sameDay) return dateFormat(locale, { timeStyle: 'short' }).format(instant)
  const sameYear = new Date(instant).getFullYear() === new Date(now).getFullYear()
  return dateFormat(
    locale,
    sameYear ? { day: 'numeric', month: 'short' } : { dateStyle: 'medium' },
  ).format(instant)
}

/** The last sync: its time when today, with the date otherwise. */
export function syncTime(instant: number, locale: string, now: number): string {
  const sameDay = new Date(instant).toDateString() === new Date(now).toDateString()
  return dateFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(instant)
}

/** A duration rounded the way a countdown reads: minutes, then hours, then days. */
export function duration(ms: number, locale: string): string {
  const abs = Math.max(0, ms)
  if (abs < HOUR) return unitFormat(locale, 'minute').format(Math.max(1, Math.round(abs / MINUTE)))
  if (abs < 2 * DAY) return unitFormat(locale, 'hour').format(Math.round(abs / HOUR))
  return unitFormat(locale, 'day').format(Math.round(abs / DAY))
}

export type ReplyUrgency =
  | { kind: 'dueIn'; ms: number; soon: boolean }
  | { kind: 'overdue'; ms: number }
  | { kind: 'closed' }

/**
 * How a reply owed stands at `now`: before the 24-hour target (rule 9) it is due in the time
 * left; after it, overdue (shown red); after the 14-day deadline (rule 2) it can no longer be sent.
 */
export function replyUrgency(
  targetAt: number | null,
  deadline: number | null,
  now: number,
): ReplyUrgency | null {
  if (targetAt === null || deadline === null) return null
  if (now >= deadline) return { kind: 'closed' }
  if (now >= targetAt) return { kind: 'overdue', ms: now - targetAt }
  return { kind: 'dueIn', ms: targetAt - now, soon: targetAt - now < 4 * HOUR }
}
