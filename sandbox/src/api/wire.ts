import type { ApiVersion } from '../../../shared/platform'
import type {
  ConversationRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
} from '../store/model'
import type { SandboxState } from '../store/state'

// Records → wire objects of the Messaging API, in the shapes of shared/platform's schemas
// (the tests parse every answer with them).

export function messageWire(state: SandboxState, message: MessageRecord, version: ApiVersion) {
  const conversation = state.conversations.get(message.conversation_id) as ConversationRecord
  const wire = {
    message_id: message.message_id,
    content: message.content,
    timestamp: message.timestamp,
    sender: senderWire(state, conversation, message.sender_type),
    conversation: {
      conversation_id: conversation.conversation_id,
      conversation_type: conversation.conversation_type,
      conversation_reference: conversation.conversation_reference,
      property_id: conversation.property_id,
    },
    attachment_ids: message.attachment_ids,
  }
  if (version === '1.0') return wire
  return { ...wire, message_type: message.message_type, attributes: message.attributes ?? {} }
}

function senderWire(
  state: SandboxState,
  conversation: ConversationRecord,
  type: 'guest' | 'property',
) {
  if (type === 'guest') {
    return {
      participant_id: conversation.guest_participant_id,
      metadata: { participant_type: 'guest' as const, name: conversation.guest_name },
    }
  }
  const property = state.properties.get(conversation.property_id) as PropertyRecord
  return {
    participant_id: property.participant_id,
    metadata: { participant_type: 'property' as const, name: property.name },
  }
}

/** Under 1.0 self-service requests do not exist (PLATFORM.md, Transport). */
export function visibleMessages(messages: MessageRecord[], version: ApiVersion): MessageRecord[] {
  return version === '1.2'
    ? messages
    : messages.filter((m) => m.message_type !== 'self_service_event')
}

export function conversationWire(
  state: SandboxState,
  conversation: ConversationRecord,
  messages: MessageRecord[],
  version: ApiVersion,
) {
  const property = state.properties.get(conversation.property_id) as PropertyRecord
  return {
    conversation_id: conversation.conversation_id,
    conversation_type: conversation.conversation_type,
    conversation_reference: conversation.conversation_reference,
    property_id: conversation.property_id,
    participants: [
      senderWire(state, conversation, 'property'),
      senderWire(state, conversation, 'guest'),
    ],
    tags: tagsWire(state, conversation, property),
    messages: visibleMessages(messages, version).map((m) => messageWire(state, m, version)),
  }
}

/** request_to_book conversations carry no tags (PLATFORM.md, Objects). */
function tagsWire(state: SandboxState, conversation: ConversationRecord, property: PropertyRecord) {
  if (conversation.conversation_type === 'request_to_book') return {}
  const readIds = (state.messagesByConversation.get(conversation.conversation_id) ?? []).filter(
    (id) => state.readBy.get(id)?.has(property.participant_id),
  )
  return {
    no_reply_needed: {
      set: conversation.no_reply_needed_at !== null,
      set_at: conversation.no_reply_needed_at,
    },
    message_read: {
      set: readIds.length > 0,
      message_ids: readIds,
      participant_id: property.participant_id,
    },
  }
}

export function propertyWire(property: PropertyRecord) {
  return {
    property_id: property.property_id,
    name: property.name,
    time_zone: property.time_zone,
    checkout_time: property.checkout_time,
    links_disabled: property.links_disabled,
    approved_links: property.approved_links,
  }
}

export function reservationWire(state: SandboxState, reservation: ReservationRecord) {
  const conversation = state.conversations.get(reservation.conversation_id)
  return {
    reservation_id: reservation.reservation_id,
    conversation_id: reservation.conversation_id,
    property_id: reservation.property_id,
    guest_name: reservation.guest_name,
    guest_language: reservation.guest_language,
    booked_at: reservation.booked_at,
    checkin: reservation.checkin,
    checkout: reservation.checkout,
    status: reservation.status,
    cancelled_at: reservation.cancelled_at,
    conversation_type: conversation?.conversation_type ?? 'reservation',
    updated_at: reservation.updated_at,
  }
}
