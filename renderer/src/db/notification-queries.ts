import type { InnboxDb } from './schema'
import { readSyncState } from './sync-state'

// The read behind desktop notifications (issue 7): the conversations active since an instant,
// across every property, each with its latest message when that is an unread guest message.
// Served by `[propertyId+lastActivityAt]` alone: the conversation row carries its last message
// (id, sender, instant, preview), so no message is read. A notification is per conversation
// anyway (a newer one replaces the older); reading each active conversation's messages was a
// range query per conversation in one live query, which Dexie's live-query cache compares
// with every other: at 200,000 conversations (issue 11) the first look held the page 100 s.

export interface GuestMessageCandidate {
  messageId: string
  conversationId: string
  propertyId: string
  timestamp: number
  guestName: string | null
  content: string
}

export interface RecentGuestMessages {
  /** False until the account's first sync finished: what it brings in is history, not news. */
  bootstrapped: boolean
  /** When the first sync finished (this desk's clock), or null. */
  bootstrappedAt: number | null
  /** The latest activity of any conversation, to move the window forward. */
  latestActivityAt: number | null
  /**
   * Per conversation active since `since`, its latest message when it is an unread guest
   * message sent at or after `since` (its preview as content); oldest first.
   */
  messages: GuestMessageCandidate[]
}

export async function recentGuestMessages(
  db: InnboxDb,
  since: number,
): Promise<RecentGuestMessages> {
  const [bootstrap, propertyIds] = await Promise.all([
    readSyncState(db, 'bootstrap'),
    db.properties.toCollection().primaryKeys(),
  ])
  const perProperty = await Promise.all(
    propertyIds.map((propertyId) =>
      db.conversations
        .where('[propertyId+lastActivityAt]')
        .between([propertyId, since], [propertyId, Number.POSITIVE_INFINITY], true, true)
        .toArray(),
    ),
  )
  const conversations = perProperty.flat()
  const candidates: GuestMessageCandidate[] = []
  for (const conversation of conversations) {
    const { lastMessageId, lastGuestMessageAt } = conversation
    if (conversation.lastSender !== 'guest' || conversation.unreadCount === 0) continue
    if (lastMessageId === null || lastGuestMessageAt === null || lastGuestMessageAt < since)
      continue
    candidates.push({
      messageId: lastMessageId,
      conversationId: conversation.conversationId,
      propertyId: conversation.propertyId,
      timestamp: lastGuestMessageAt,
      guestName: conversation.guestName,
      content: conversation.lastMessagePreview,
    })
  }
  const latest = conversations.reduce<number | null>(
    (max, row) => (max === null || row.lastActivityAt > max ? row.lastActivityAt : max),
    null,
  )
  return {
    bootstrapped: (bootstrap?.finishedAt ?? null) !== null,
    bootstrappedAt: bootstrap?.finishedAt ?? null,
    latestActivityAt: latest,
    messages: candidates.sort((a, b) => a.timestamp - b.timestamp),
  }
}
