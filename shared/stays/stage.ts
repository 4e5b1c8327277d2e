import { checkoutInstant } from '../policy/checkout'
import { formatCalendarDate, parseCalendarDate } from '../time/calendar'
import { wallTimeAt } from '../time/zoned'

/** Where a stay is, as the front desk thinks of it. */
export type StayStage =
  'requestToBook' | 'cancelled' | 'upcoming' | 'arrivingToday' | 'inHouse' | 'departed'

export const stayStages: readonly StayStage[] = [
  'requestToBook',
  'arrivingToday',
  'inHouse',
  'upcoming',
  'departed',
  'cancelled',
]

export interface StayFacts {
  conversationType: 'reservation' | 'request_to_book'
  status: string
  /** `YYYY-MM-DD` in the property's calendar. */
  checkin: string
  checkout: string
}

export interface StayProperty {
  timeZone: string
  checkoutTime: string | null
}

/** Today's date where the property is: "arriving today" is the property's today, not the desk's. */
export function propertyToday(now: number, timeZone: string): string {
  return formatCalendarDate(wallTimeAt(now, timeZone))
}

/**
 * The stage of a stay at `now`. Dates compare as `YYYY-MM-DD` strings in the property's zone;
 * the stay ends at the property's check-out time on the check-out date (the same instant the
 * messaging rules count from), so a guest is "in house" until then and "departed" after.
 */
export function stayStage(stay: StayFacts, property: StayProperty, now: number): StayStage {
  if (stay.conversationType === 'request_to_book') return 'requestToBook'
  if (stay.status === 'cancelled') return 'cancelled'
  const today = propertyToday(now, property.timeZone)
  if (today < stay.checkin) return 'upcoming'
  if (today === stay.checkin) return 'arrivingToday'
  const checkout = checkoutInstant(stay.checkout, property)
  return Number.isNaN(checkout) || now < checkout ? 'inHouse' : 'departed'
}

/** Nights between the check-in and check-out dates; 0 for dates that cannot be read. */
export function nights(checkin: string, checkout: string): number {
  const from = parseCalendarDate(checkin)
  const to = parseCalendarDate(checkout)
  if (!from || !to) return 0
  const days =
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) /
    86_400_000
  return Math.max(0, days)
}
