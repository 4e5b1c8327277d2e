import { addCalendarDays, addCalendarYears, type CalendarDate } from './calendar'

// Converting between instants (epoch milliseconds) and wall-clock times in an IANA time zone,
// with nothing but Intl.DateTimeFormat (present in Node, Chromium and every JS runtime we ship).

/** A wall-clock reading in some time zone. */
export interface WallTime extends CalendarDate {
  hour: number
  minute: number
  second: number
  millisecond: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // Throws RangeError for an unknown zone: callers validate zones at the schema boundary.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock time `timeZone` shows at `instant`, read from Intl (slow: a formatToParts). */
function formattedWallTime(instant: number, timeZone: string): WallTime {
  const fields: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  return {
    year: fields['year'] ?? NaN,
    month: fields['month'] ?? NaN,
    day: fields['day'] ?? NaN,
    // Some engines still print midnight as 24 under h23; it is the same instant.
    hour: (fields['hour'] ?? NaN) % 24,
    minute: fields['minute'] ?? NaN,
    second: fields['second'] ?? NaN,
    millisecond: ((instant % 1000) + 1000) % 1000,
  }
}

function wallAsUtc(wall: WallTime): number {
  const utc = new Date(0)
  utc.setUTCFullYear(wall.year, wall.month - 1, wall.day)
  utc.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond)
  return utc.getTime()
}

const DAY_MS = 24 * 60 * 60 * 1000

// Offsets by zone and UTC day. A first sync derives deadlines for thousands of messages, each
// a few conversions, and formatToParts was a tenth of its time (issue 11); a zone's offset is
// the same all day on all but its one or two transition days a year. A day whose offset is the
// same at its first and last millisecond holds no transition (no zone changes twice within a
// day) and is cached; a transition day is read exactly each time (`null`). Only from 1970 to
// 2100: older history has odd local-mean-time offsets, and nobody books after 2100.
const CACHE_FROM = Date.UTC(1970, 0, 1)
const CACHE_UNTIL = Date.UTC(2100, 0, 1)
const CACHE_MAX_DAYS = 100_000
const offsetsByZone = new Map<string, Map<number, number | null>>()

function exactOffsetAt(instant: number, timeZone: string): number {
  return wallAsUtc(formattedWallTime(instant, timeZone)) - instant
}

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  if (!(instant >= CACHE_FROM && instant < CACHE_UNTIL)) return exactOffsetAt(instant, timeZone)
  let days = offsetsByZone.get(timeZone)
  if (!days) offsetsByZone.set(timeZone, (days = new Map()))
  const day = Math.floor(instant / DAY_MS)
  let offset = days.get(day)
  if (offset === undefined) {
    const first = exactOffsetAt(day * DAY_MS, timeZone)
    offset = first === exactOffsetAt((day + 1) * DAY_MS - 1, timeZone) ? first : null
    if (days.size >= CACHE_MAX_DAYS) days.clear()
    days.set(day, offset)
  }
  return offset ?? exactOffsetAt(instant, timeZone)
}

/** The wall-clock time shown in `timeZone` at `instant`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const local = new Date(instant + zoneOffsetAt(instant, timeZone))
  if (Number.isNaN(local.getTime())) return formattedWallTime(instant, timeZone)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  }
}

/**
 * The instant at which `timeZone`'s clocks show `wall`. Offsets are sampled a day either side,
 * so any real-world transition (they are months apart) is seen. Like Temporal's "compatible"
 * disambiguation: a time repeated when clocks go back gives the earlier instant; a time
 * skipped when clocks go forward is read with the offset before the change, so it lands
 * that much later (01:30 in a 01:00→02:00 gap gives 02:30 new time).
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall)
  const offsetBefore = zoneOffsetAt(asUtc - DAY_MS, timeZone)
  const offsetAfter = zoneOffsetAt(asUtc + DAY_MS, timeZone)
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter]
    .filter((instant) => wallAsUtc(wallTimeAt(instant, timeZone)) === asUtc)
    .sort((a, b) => a - b)
  return candidates[0] ?? asUtc - offsetBefore
}

/** The same wall-clock time `days` calendar days later in `timeZone`: DST never shifts it by an hour. */
export function addDaysInZone(instant: number, days: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone)
  return instantOfWallTime({ ...wall, ...addCalendarDays(wall, days) }, timeZone)
}

/** The same wall-clock time `years` later in `timeZone` (29 February → 28 February). */
export function addYearsInZone(instant: number, years: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone)
  return instantOfWallTime({ ...wall, ...addCalendarYears(wall, years) }, timeZone)
}
