// Dates and times of the conversation view, always through Intl (STYLE.md, "Strings").
// Instants are shown in the desk's zone (where the receptionist sits), with the property's
// clock beside them when it reads differently: the guest and the platform's windows live there.

import { dateFormat } from '@/i18n/formats'

export interface MessageTime {
  /** The time on the desk's clock, e.g. `14:05`. */
  desk: string
  /** The same instant on the property's clock, or null when both clocks read the same. */
  property: string | null
  /** Date, time and zone names, for a tooltip and screen readers. */
  full: string
  /** `YYYY-MM-DD` in the desk's zone: the day separator the message belongs under. */
  day: string
}

export function messageTime(
  at: number,
  language: string,
  propertyZone: string | null,
  deskZone?: string,
): MessageTime {
  const desk = dateFormat(language, { timeStyle: 'short', timeZone: deskZone }).format(at)
  const there = propertyZone
    ? dateFormat(language, { timeStyle: 'short', timeZone: propertyZone }).format(at)
    : desk
  const dayParts = dateFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: deskZone,
  }).format(at)
  const full = dateFormat(language, {
    dateStyle: 'full',
    timeStyle: 'long',
    timeZone: deskZone,
  }).format(at)
  return { desk, property: there === desk ? null : there, full, day: dayParts }
}

/** A day separator: "Monday 3 March 2025" in the UI language. */
export function dayLabel(at: number, language: string, deskZone?: string): string {
  return dateFormat(language, { dateStyle: 'full', timeZone: deskZone }).format(at)
}

/**
 * A calendar date of the property (`YYYY-MM-DD`, not an instant): formatted as that date
 * whatever the desk's zone, so check-in never shows a day early or late.
 */
export function calendarDate(
  date: string,
  language: string,
  style: 'medium' | 'full' = 'medium',
): string {
  const [year, month, day] = date.split('-').map(Number)
  if (!year || !month || !day) return date
  return dateFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  )
}

/** `HH:MM` of the property (check-out time) in the UI language's way of writing times. */
export function wallClock(time: string, language: string): string {
  const [hours, minutes] = time.split(':').map(Number)
  if (hours === undefined || minutes === undefined) return time
  return dateFormat(language, { timeStyle: 'short', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 1, hours, minutes),
  )
}

export function instantDate(at: number, language: string, timeZone?: string): string {
  return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at)
}

/** The zone's name in the UI language ("Central European Time"), for "times in …". */
export function zoneName(timeZone: string, language: string, at: number): string {
  try {
    const parts = dateFormat(language, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at)
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
  } catch {
    return timeZone
  }
}

/** Whether two zones read the same wall-clock time at `at`. */
export function sameClock(at: number, zone: string, deskZone?: string): boolean {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' }
  return (
    dateFormat('en', { ...options, timeZone: zone }).format(at) ===
    dateFormat('en', { ...options, timeZone: deskZone }).format(at)
  )
}

/** "in 3 days", "in 5 hours", "in 20 minutes": the largest unit that reads naturally. */
export function relativeUntil(until: number, now: number, language: string): string {
  const minutes = Math.max(0, Math.round((until - now) / 60_000))
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' })
  if (minutes >= 48 * 60) return format.format(Math.floor(minutes / (24 * 60)), 'day')
  if (minutes >= 120) return format.format(Math.floor(minutes / 60), 'hour')
  return format.format(minutes, 'minute')
}

/** Bytes as people read them: "870 KB", "3.2 MB". */
export function fileSize(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024)
  const [value, unit] = mb >= 1 ? [mb, 'megabyte'] : [bytes / 1024, 'kilobyte']
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    maximumFractionDigits: value >= 10 ? 0 : 1,
  }).format(value)
}
