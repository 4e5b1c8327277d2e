import type { ConversationType, Property, Reservation } from '../platform'
import type { PropertyFacts } from './facts'

// The schedule's view of a reservation and its property, buildable from shared/platform.

export interface ScheduleStay {
  reservationId: string
  /** Epoch ms: rule 1's send window opens here. */
  bookedAt: number
  /** `YYYY-MM-DD` in the property's calendar. */
  checkin: string
  checkout: string
  /** Epoch ms, or null while the booking stands. */
  cancelledAt: number | null
  conversationType: ConversationType
}

export interface ScheduleProperty {
  propertyId: string
  timeZone: string
  /** The platform's check-out time (rule 1 counts from it); null → the policy's 11:00. */
  checkoutTime: string | null
  /** The profile's "check-in from"; null → DEFAULT_CHECK_IN_TIME. */
  checkInFrom: string | null
}

export function scheduleStayFrom(reservation: Reservation): ScheduleStay {
  return {
    reservationId: reservation.reservation_id,
    bookedAt: Date.parse(reservation.booked_at),
    checkin: reservation.checkin,
    checkout: reservation.checkout,
    cancelledAt: reservation.cancelled_at === null ? null : Date.parse(reservation.cancelled_at),
    conversationType: reservation.conversation_type,
  }
}

export function schedulePropertyFrom(
  property: Pick<Property, 'property_id' | 'time_zone' | 'checkout_time'>,
  facts: Pick<PropertyFacts, 'checkInFrom'> | null,
): ScheduleProperty {
  return {
    propertyId: property.property_id,
    timeZone: property.time_zone,
    checkoutTime: property.checkout_time,
    checkInFrom: facts?.checkInFrom ?? null,
  }
}
