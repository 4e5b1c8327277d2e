import { checkoutInstant, SEND_WINDOW_DAYS_AFTER_END } from '../policy'
import { addCalendarDays, addDaysInZone, instantOfWallTime, parseCalendarDate } from '../time'
import type { ScheduleRule } from './rules'
import type { ScheduleProperty, ScheduleStay } from './stay'

// When a rule's message is due for one stay, and until when it still makes sense (issue 8,
// "Scheduled sends"). Every time is a wall-clock time in the property's IANA zone, placed on a
// calendar date first and turned into an instant once, so "3 days before check-in at 10:00"
// is 10:00 on the property's clocks even when a DST change falls in between.

/** Check-in time when the property's profile has none: the industry's usual 15:00. [ours] */
export const DEFAULT_CHECK_IN_TIME = '15:00'
/** Days an "after check-out" message may still go out after it was due. [ours] */
export const AFTER_CHECK_OUT_GRACE_DAYS = 2

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** The instant the property's clocks show `time` on `date` (days shifted by `shiftDays`). */
function localInstant(date: string, shiftDays: number, time: string, timeZone: string) {
  const day = parseCalendarDate(date)
  const clock = TIME.exec(time)
  if (!day || !clock) return NaN
  const wall = { hour: Number(clock[1]), minute: Number(clock[2]), second: 0, millisecond: 0 }
  return instantOfWallTime({ ...addCalendarDays(day, shiftDays), ...wall }, timeZone)
}

const orNull = (instant: number): number | null => (Number.isFinite(instant) ? instant : null)

/** Check-in: the profile's "check-in from" (else 15:00) on the check-in date, property-local. */
export function checkInInstant(stay: ScheduleStay, property: ScheduleProperty): number | null {
  const time = property.checkInFrom ?? DEFAULT_CHECK_IN_TIME
  return orNull(localInstant(stay.checkin, 0, time, property.timeZone))
}

/**
 * When the rule's message becomes due for this stay; null when the stay's dates cannot be read.
 * Never before the booking: rule 1 opens the send window then, and a message planned for
 * before it (a booking made 1 day ahead, a rule "3 days before") is due at once instead.
 */
export function dueInstant(
  rule: Pick<ScheduleRule, 'trigger'>,
  stay: ScheduleStay,
  property: ScheduleProperty,
): number | null {
  const { trigger } = rule
  const zone = property.timeZone
  // A delay after booking is elapsed time: 60 minutes are 60 minutes, whatever the clocks do.
  const planned =
    trigger.kind === 'afterBooking'
      ? stay.bookedAt + trigger.delayMinutes * 60_000
      : trigger.kind === 'beforeCheckIn'
        ? localInstant(stay.checkin, -trigger.days, trigger.at, zone)
        : trigger.kind === 'onCheckInDay'
          ? localInstant(stay.checkin, 0, trigger.at, zone)
          : localInstant(stay.checkout, trigger.days, trigger.at, zone)
  return Number.isFinite(planned) && Number.isFinite(stay.bookedAt)
    ? Math.max(planned, stay.bookedAt)
    : null
}

/**
 * From when the message no longer makes sense, so catching up after the app was closed never
 * sends it: "after booking" and "before check-in" end at check-in; "on the check-in day" at the
 * end of that day (midnight, property-local); "after check-out" 2 days after it was due. None
 * outlives rule 1's send window (7 days after check-out).
 */
export function expiresAt(
  rule: Pick<ScheduleRule, 'trigger'>,
  stay: ScheduleStay,
  property: ScheduleProperty,
): number | null {
  const { trigger } = rule
  const zone = property.timeZone
  const checkout = checkoutInstant(stay.checkout, property)
  if (!Number.isFinite(checkout)) return null
  const sendWindowEnd = addDaysInZone(checkout, SEND_WINDOW_DAYS_AFTER_END, zone)
  let end: number | null
  if (trigger.kind === 'afterBooking' || trigger.kind === 'beforeCheckIn') {
    end = checkInInstant(stay, property)
  } else if (trigger.kind === 'onCheckInDay') {
    end = orNull(localInstant(stay.checkin, 1, '00:00', zone))
  } else {
    const due = dueInstant(rule, stay, property)
    end = due === null ? null : addDaysInZone(due, AFTER_CHECK_OUT_GRACE_DAYS, zone)
  }
  return end === null ? null : Math.min(end, sendWindowEnd)
}
