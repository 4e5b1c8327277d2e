import type { Message } from '@shared/platform'
import { byTime, senderOf } from './derive'
import type { InnboxDb } from './schema'
import type { MessageRecord, OutboxRecord } from './records'

// Messages by conversation and time, and the timeline the conversation view shows: stored
// messages plus this desk's outbox records that are not sent yet (queued, sending, failed).

/** The `[conversationId+timestamp]` range of one conversation. */
export function conversationRange(conversationId: string): [[string, number], [string, number]] {
  // ±Infinity are valid IndexedDB keys and bound every number (timestamps, sequence numbers).
  return [
    [conversationId, Number.NEGATIVE_INFINITY],
    [conversationId, Number.POSITIVE_INFINITY],
  ]
}

export function messagesOf(db: InnboxDb, conversationId: string): Promise<MessageRecord[]> {
  const [lower, upper] = conversationRange(conversationId)
  return db.messages.where('[conversationId+timestamp]').between(lower, upper, true, true).toArray()
}

/** A row for a platform message; `provisional` when made from a send's answer. */
export function messageRecordFrom(
  message: Message,
  previous: MessageRecord | undefined,
  provisional = false,
): MessageRecord {
  const sender = senderOf(message)
  return {
    messageId: message.message_id,
    conversationId: message.conversation.conversation_id,
    timestamp: Date.parse(message.timestamp),
    sender,
    // Read is never taken back on this desk; a property's own messages are never unread.
    read: sender === 'property' || previous?.read === 1 ? 1 : 0,
    provisional: provisional ? 1 : 0,
    message,
  }
}

export type TimelineItem =
  | { kind: 'message'; state: 'sent'; at: number; message: MessageRecord }
  | { kind: 'outbox'; state: 'queued' | 'sending' | 'failed'; at: number; record: OutboxRecord }

/** A timeline item's key, unique in its conversation. */
export function timelineKey(item: TimelineItem): string {
  return item.kind === 'message' ? item.message.messageId : `outbox-${item.record.id}`
}

/** What the conversation view lists, oldest first. An `unknown` send shows as sending. */
export async function timelineOf(db: InnboxDb, conversationId: string): Promise<TimelineItem[]> {
  const [messages, pending] = await Promise.all([
    messagesOf(db, conversationId),
    db.outbox
      .where('[conversationId+seq]')
      .between(...conversationRange(conversationId), true, true)
      .filter((r) => r.action.kind === 'send' && r.state !== 'sent')
      .toArray(),
  ])
  const items: TimelineItem[] = messages.sort(byTime).map((message) => ({
    kind: 'message',
    state: 'sent',
    at: message.timestamp,
    message,
  }))
  for (const record of pending) {
    const state = record.state === 'unknown' ? 'sending' : record.state
    if (state === 'sent') continue
    items.push({ kind: 'outbox', state, at: record.createdAt, record })
  }
  // Unsent records stay after every platform message, in the order they were written.
  return items
}
