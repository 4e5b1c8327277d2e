import { instantOfWallTime, parseCalendarDate } from '../time'
import type { PolicyProperty } from './context'

/** Used when a property has no check-out time of its own. [ours] */
export const DEFAULT_CHECKOUT_TIME = '11:00'

/**
 * The check-out instant that rules 1 and 3 count from.
 *
 * Decision: check-out is the moment the property's clocks show its check-out time on the
 * check-out date, in the property's IANA zone (11:00 when the property has none). A date alone
 * is not an instant, and the guest leaves by the property's clock, not by UTC's.
 * Returns NaN for a date or time that cannot be read.
 */
export function checkoutInstant(
  checkout: string,
  property: Pick<PolicyProperty, 'timeZone' | 'checkoutTime'>,
): number {
  const date = parseCalendarDate(checkout)
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(property.checkoutTime ?? DEFAULT_CHECKOUT_TIME)
  if (!date || !time) return NaN
  return instantOfWallTime(
    { ...date, hour: Number(time[1]), minute: Number(time[2]), second: 0, millisecond: 0 },
    property.timeZone,
  )
}
