import { metricsConversationFrom, unansweredGuestMessages } from '@shared/metrics'
import { policyConversationFrom, readWindowEnd } from '@shared/policy'
import type { Message } from '@shared/platform'
import type {
  ConversationRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
} from './records'

// The one place where a conversation's derived fields are computed from its messages, tags,
// property and reservation. Every conversation write goes through here (db/conversations.ts),
// so the list, the "needs reply" view and the counters always agree. The results do not depend
// on the clock: "overdue" and "window closed" are comparisons the UI makes with `now`.

export type ConversationBase = Pick<
  ConversationRecord,
  | 'conversationId'
  | 'propertyId'
  | 'conversationType'
  | 'reservationId'
  | 'participants'
  | 'platformTags'
  | 'tags'
  | 'hydrated'
>

export interface DeriveContext {
  property: PropertyRecord | undefined
  reservation: ReservationRecord | undefined
}

const PREVIEW_LENGTH = 160

export function byTime(a: MessageRecord, b: MessageRecord): number {
  return a.timestamp - b.timestamp || a.messageId.localeCompare(b.messageId)
}

export function senderOf(message: Message): 'guest' | 'property' {
  return message.sender.metadata.participant_type
}

export function deriveConversation(
  base: ConversationBase,
  messages: readonly MessageRecord[],
  { property, reservation }: DeriveContext,
): ConversationRecord {
  const sorted = [...messages].sort(byTime)
  const last = sorted.at(-1)
  const latestOf = (sender: 'guest' | 'property') =>
    sorted.findLast((m) => m.sender === sender)?.timestamp ?? null

  // Rules 2 and 9 through shared/metrics, judged with every known message (now = +∞).
  const unanswered = unansweredGuestMessages(
    [
      metricsConversationFrom({
        conversation_id: base.conversationId,
        messages: sorted.map((m) => m.message),
        tags: base.tags,
      }),
    ],
    Number.POSITIVE_INFINITY,
    property?.property.time_zone ?? 'UTC',
  )
  const mostUrgent = unanswered[0]

  // Rule 3: the read window needs both the property (zone, check-out time) and the reservation.
  const readClosesAt =
    property && reservation
      ? readWindowEnd(
          policyConversationFrom({
            property: property.property,
            reservation: reservation.reservation,
            messages: [],
          }),
        )
      : null

  const guest = base.participants.find((p) => p.metadata.participant_type === 'guest')
  const bookedAt = reservation ? Date.parse(reservation.reservation.booked_at) : 0
  const derived: ConversationRecord = {
    ...base,
    lastActivityAt: last?.timestamp ?? bookedAt,
    lastMessageId: last?.messageId ?? null,
    lastMessagePreview: (last?.message.content ?? '').slice(0, PREVIEW_LENGTH),
    lastSender: last?.sender ?? null,
    lastGuestMessageAt: latestOf('guest'),
    lastPropertyMessageAt: latestOf('property'),
    needsReply: mostUrgent ? 1 : 0,
    replyDeadline: mostUrgent?.replyDeadline ?? null,
    replyTargetAt: mostUrgent?.targetAt ?? null,
    unreadCount: sorted.filter((m) => m.sender === 'guest' && m.read === 0).length,
    guestName: reservation?.reservation.guest_name ?? guest?.metadata.name ?? null,
    checkin: reservation?.checkin ?? null,
    checkout: reservation?.checkout ?? null,
    readClosesAt,
  }
  const unreadGuestAt = unreadGuestAtOf(derived)
  if (unreadGuestAt !== null) derived.unreadGuestAt = unreadGuestAt
  return derived
}

/**
 * The conversation's latest message, when it is a guest's and guest messages wait unread: what
 * a desktop notification is about. Null otherwise (the row then has no `unreadGuestAt`).
 */
function unreadGuestAtOf(
  row: Pick<ConversationRecord, 'lastSender' | 'lastGuestMessageAt' | 'unreadCount'>,
): number | null {
  return row.lastSender === 'guest' && row.unreadCount > 0 ? row.lastGuestMessageAt : null
}
