import { randomInt, randomUUID } from 'node:crypto'
import type { SandboxEvent } from './store/events'
import type {
  ConversationRecord,
  ConversationType,
  MessageRecord,
  ReservationRecord,
  ReservationStatus,
} from './store/model'
import type { SandboxState } from './store/state'

// Builds the events that create reservations, conversations and guest messages; shared by
// the control API and the demo seed, which differ only in where their ids come from.

export interface IdSource {
  uuid(): string
  /** A number of `count` digits, no leading zero. */
  digits(count: number): string
}

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  digits: (count) =>
    Array.from({ length: count }, (_, index) => randomInt(index === 0 ? 1 : 0, 10)).join(''),
}

export interface ReservationInput {
  property_id: string
  reservation_id?: string
  guest_name: string
  guest_language: string
  booked_at: string
  checkin: string
  checkout: string
  status: ReservationStatus
  cancelled_at?: string | null
  conversation_type?: ConversationType
}

/** A new reservation gets an empty conversation (PLATFORM.md, Endpoints); an existing one is updated in place. */
export function reservationEvents(
  state: SandboxState,
  input: ReservationInput,
  ids: IdSource,
  now: string,
): { events: SandboxEvent[]; reservation: ReservationRecord } {
  const existing = input.reservation_id ? state.reservations.get(input.reservation_id) : undefined
  const reservation: ReservationRecord = {
    reservation_id: input.reservation_id ?? ids.digits(10),
    property_id: input.property_id,
    conversation_id: existing?.conversation_id ?? ids.uuid(),
    guest_name: input.guest_name,
    guest_language: input.guest_language,
    booked_at: input.booked_at,
    checkin: input.checkin,
    checkout: input.checkout,
    status: input.status,
    cancelled_at: input.status === 'cancelled' ? (input.cancelled_at ?? now) : null,
    updated_at: now,
  }
  const events: SandboxEvent[] = [{ type: 'reservation_put', reservation }]
  if (!existing) {
    const conversation: ConversationRecord = {
      conversation_id: reservation.conversation_id,
      property_id: reservation.property_id,
      conversation_type: input.conversation_type ?? 'reservation',
      conversation_reference: reservation.reservation_id,
      guest_participant_id: ids.uuid(),
      guest_name: reservation.guest_name,
      no_reply_needed_at: null,
    }
    events.push({ type: 'conversation_put', conversation })
  }
  return { events, reservation }
}

export interface MessageInput {
  conversation_id: string
  content: string
  timestamp: string
  sender_type: 'guest' | 'property'
  message_type?: string
  attributes?: Record<string, unknown> | null
  attachment_ids?: string[]
}

export function messageEvent(
  input: MessageInput,
  ids: IdSource,
): SandboxEvent & { type: 'message_added' } {
  const message: MessageRecord = {
    message_id: ids.uuid(),
    conversation_id: input.conversation_id,
    content: input.content,
    timestamp: input.timestamp,
    sender_type: input.sender_type,
    message_type: input.message_type ?? 'free_text',
    attributes: input.attributes ?? null,
    attachment_ids: input.attachment_ids ?? [],
  }
  return { type: 'message_added', message }
}
