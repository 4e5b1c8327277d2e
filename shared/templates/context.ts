import type { Property, Reservation } from '../platform'
import type { PropertyFacts } from './facts'

// What placeholders are filled from: one reservation of one property, with the property's
// profile. Plain data, so the composer, the editor's preview and the scheduler build it alike.

export interface RenderContext {
  /** IANA zone of the property: dates and times are the property's (STYLE.md, "Strings"). */
  timeZone: string
  propertyName: string | null
  guestName: string | null
  reservationNumber: string | null
  /** `YYYY-MM-DD` in the property's calendar. */
  checkin: string | null
  checkout: string | null
  facts: PropertyFacts | null
  /**
   * The platform's check-out time, used for `stay.checkOutTime` when the profile has none.
   * The policy's default (11:00) is NOT used: a guest is never told a time nobody set.
   */
  platformCheckoutTime: string | null
}

export interface RenderContextSource {
  property: Pick<Property, 'name' | 'time_zone' | 'checkout_time'>
  facts: PropertyFacts | null
  /** Null in the editor's preview before a reservation is picked. */
  reservation: Pick<Reservation, 'reservation_id' | 'guest_name' | 'checkin' | 'checkout'> | null
}

export function renderContextFrom({
  property,
  facts,
  reservation,
}: RenderContextSource): RenderContext {
  return {
    timeZone: property.time_zone,
    propertyName: property.name,
    guestName: reservation?.guest_name ?? null,
    reservationNumber: reservation?.reservation_id ?? null,
    checkin: reservation?.checkin ?? null,
    checkout: reservation?.checkout ?? null,
    facts,
    platformCheckoutTime: property.checkout_time,
  }
}
