import { nights } from '../stays'
import type { RenderContext } from './context'
import { localizedValue, nonBlank } from './facts'
import { formatCount, formatStayDate, formatStayTime } from './format'
import type { PlaceholderKey } from './placeholders'

// The value of every placeholder for one context, or null when this reservation or property
// has none (the composer then blocks sending until staff fill it: issue 8).

/** Network names and passwords are used exactly as written: a space may be part of them. */
const exactly = (value: string | undefined): string | null =>
  value !== undefined && nonBlank(value) ? value : null

type Resolver = (context: RenderContext, locale: string) => string | null

/**
 * The guest's first name: the first whitespace-separated word of the name, else the whole
 * name. Works for Latin, Cyrillic, Arabic and Thai names, which separate given and family
 * names by a space; a name written without spaces (`王小明`) is used whole. Names written
 * family-name first come out as the family name: use `guest.name` for those guests.
 */
export function firstNameOf(name: string | null): string | null {
  const whole = nonBlank(name)
  return whole ? (whole.split(/\s+/u)[0] ?? whole) : null
}

const RESOLVERS: Record<PlaceholderKey, Resolver> = {
  'guest.name': (c) => nonBlank(c.guestName)?.replace(/\s+/gu, ' ') ?? null,
  'guest.firstName': (c) => firstNameOf(c.guestName),
  'property.name': (c) => nonBlank(c.propertyName),
  'property.address': (c, l) => localizedValue(c.facts?.address ?? null, l),
  'stay.checkInDate': (c, l) => formatStayDate(c.checkin, c.timeZone, l),
  'stay.checkInTime': (c, l) =>
    formatStayTime(c.facts?.checkInFrom ?? null, c.checkin, c.timeZone, l),
  'stay.checkOutDate': (c, l) => formatStayDate(c.checkout, c.timeZone, l),
  'stay.checkOutTime': (c, l) =>
    formatStayTime(c.facts?.checkOutUntil ?? c.platformCheckoutTime, c.checkout, c.timeZone, l),
  'stay.nights': (c, l) => {
    const count = c.checkin && c.checkout ? nights(c.checkin, c.checkout) : 0
    return count > 0 ? formatCount(count, l) : null
  },
  'reservation.number': (c) => nonBlank(c.reservationNumber),
  'facts.directions': (c, l) => localizedValue(c.facts?.directions ?? null, l),
  'facts.parking': (c, l) => localizedValue(c.facts?.parking ?? null, l),
  'facts.wifiNetwork': (c) => exactly(c.facts?.wifi?.network),
  'facts.wifiPassword': (c) => exactly(c.facts?.wifi?.password),
  'facts.houseRules': (c, l) => localizedValue(c.facts?.houseRules ?? null, l),
  'facts.contactHours': (c, l) => localizedValue(c.facts?.contactHours ?? null, l),
}

/** The text `key` stands for in `context`, in `locale`; null when there is none. */
export function placeholderValue(
  key: PlaceholderKey,
  context: RenderContext,
  locale: string,
): string | null {
  return RESOLVERS[key](context, locale)
}
