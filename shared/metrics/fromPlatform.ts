import type { Conversation, Message } from '../platform'
import type { MetricsConversation, MetricsMessage } from './outcomes'

// From the platform model to the metrics' input.

/**
 * [ours] Platform events (`self_service_event`, `request_to_book_event`) are not messages a
 * desk answers in the conversation: date changes and cancel-for-less go to the extranet, and
 * request-to-book events are status notes. Every property message, templates included, is a reply.
 */
const EVENT_TYPES = new Set(['self_service_event', 'request_to_book_event'])

export function metricsMessageFrom(message: Message): MetricsMessage {
  const sender = message.sender.metadata.participant_type
  return {
    messageId: message.message_id,
    at: Date.parse(message.timestamp),
    sender,
    needsReply: sender === 'guest' && !EVENT_TYPES.has(message.message_type ?? ''),
  }
}

export function metricsConversationFrom(
  conversation: Pick<Conversation, 'conversation_id' | 'messages' | 'tags'>,
): MetricsConversation {
  const tag = conversation.tags.no_reply_needed
  return {
    conversationId: conversation.conversation_id,
    messages: conversation.messages.map(metricsMessageFrom),
    noReplyNeeded: tag?.set ?? false,
    noReplyNeededAt: tag?.set && tag.set_at ? Date.parse(tag.set_at) : null,
  }
}
