import type { Message, Property, Reservation } from '../platform'
import type { PolicyConversation } from './context'
import { openSelfServiceTopics } from './selfService'

// Builds the policy's input from the platform model (shared/platform), so the renderer, the
// platform client and the sandbox all derive it the same way.

export interface PlatformConversationFacts {
  property: Property
  /** Null while the reservation is not known (yet). */
  reservation: Reservation | null
  /** The conversation's messages as known; only guest messages and self-service topics are read. */
  messages: readonly Message[]
  conversationType?: PolicyConversation['conversationType']
}

/** The latest guest message's instant (rule 2), or null. */
export function lastGuestMessageAt(messages: readonly Message[]): number | null {
  let latest: number | null = null
  for (const message of messages) {
    if (message.sender.metadata.participant_type !== 'guest') continue
    const at = Date.parse(message.timestamp)
    if (!Number.isNaN(at) && (latest === null || at > latest)) latest = at
  }
  return latest
}

export function policyConversationFrom(facts: PlatformConversationFacts): PolicyConversation {
  const { property, reservation, messages } = facts
  return {
    conversationType:
      facts.conversationType ??
      reservation?.conversation_type ??
      messages[0]?.conversation.conversation_type ??
      'reservation',
    property: {
      timeZone: property.time_zone,
      checkoutTime: property.checkout_time,
      linksDisabled: property.links_disabled,
      approvedLinks: property.approved_links,
    },
    reservation: reservation && {
      reference: reservation.reservation_id,
      bookedAt: Date.parse(reservation.booked_at),
      checkin: reservation.checkin,
      checkout: reservation.checkout,
      cancelledAt: reservation.cancelled_at === null ? null : Date.parse(reservation.cancelled_at),
    },
    lastGuestMessageAt: lastGuestMessageAt(messages),
    openSelfServiceTopics: openSelfServiceTopics(messages),
  }
}
