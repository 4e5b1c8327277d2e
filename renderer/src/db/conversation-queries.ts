import { applyConversationUpdates } from './conversations'
import { conversationRange, timelineOf, type TimelineItem } from './messages'
import type { InnboxDb } from './schema'
import type { ConversationRecord, PropertyRecord, ReservationRecord } from './records'

// The reads behind the open conversation (issue 7, right pane): one live query answers the
// conversation, its property, its reservation and its timeline together, so the view, the
// reservation panel and the composer's policy decision always agree with each other.

export interface ConversationView {
  conversation: ConversationRecord
  property: PropertyRecord | null
  reservation: ReservationRecord | null
  timeline: TimelineItem[]
}

/** Null when this desk does not hold the conversation (never synced, or purged by rule 3). */
export async function conversationView(
  db: InnboxDb,
  conversationId: string,
): Promise<ConversationView | null> {
  const conversation = await db.conversations.get(conversationId)
  if (!conversation) return null
  const [property, byConversation, timeline] = await Promise.all([
    conversation.propertyId ? db.properties.get(conversation.propertyId) : undefined,
    db.reservations.where('conversationId').equals(conversationId).first(),
    timelineOf(db, conversationId),
  ])
  const reservation =
    byConversation ??
    (conversation.reservationId ? await db.reservations.get(conversation.reservationId) : undefined)
  return {
    conversation,
    property: property ?? null,
    reservation: reservation ?? null,
    timeline,
  }
}

/**
 * Marks every unread guest message read on this desk only, without telling the platform.
 * For `request_to_book` conversations, which carry no tags (PLATFORM.md "Objects"): the
 * `message_read` tag would be refused, yet the desk's unread count must still drop.
 */
export async function markReadLocally(db: InnboxDb, conversationId: string): Promise<number> {
  const unread = await db.messages
    .where('[conversationId+timestamp]')
    .between(...conversationRange(conversationId), true, true)
    .filter((m) => m.sender === 'guest' && m.read === 0)
    .primaryKeys()
  if (unread.length === 0) return 0
  await applyConversationUpdates(db, [{ conversationId, markRead: unread }])
  return unread.length
}
