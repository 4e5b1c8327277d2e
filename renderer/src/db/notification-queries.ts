import type { InnboxDb } from './schema'
import { readSyncState } from './sync-state'

// The read behind desktop notifications (issue 7): the conversations whose latest message is an
// unread guest message sent since an instant, across every property. Served by the
// `unreadGuestAt` index alone (migration 0005): it holds only such conversations, and the row
// carries its last message (id, instant, preview), so no message is read. A notification is per
// conversation anyway (a newer one replaces the older). Earlier reads took every conversation
// active since the instant, then a range of messages per conversation: at 200,000
// conversations (issue 11) a day's activity is ~8,500 rows, read again on the page's thread by
// every write to any of them, since a live query reads again whatever a write touches.

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
  /**
   * Per conversation whose latest message is an unread guest message sent at or after `since`,
   * that message (its preview as content); oldest first.
   */
  messages: GuestMessageCandidate[]
}

export async function recentGuestMessages(
  db: InnboxDb,
  since: number,
): Promise<RecentGuestMessages> {
  const [bootstrap, rows] = await Promise.all([
    readSyncState(db, 'bootstrap'),
    db.conversations.where('unreadGuestAt').aboveOrEqual(since).toArray(),
  ])
  const messages: GuestMessageCandidate[] = []
  for (const row of rows) {
    if (row.lastMessageId === null || row.unreadGuestAt === undefined) continue
    messages.push({
      messageId: row.lastMessageId,
      conversationId: row.conversationId,
      propertyId: row.propertyId,
      timestamp: row.unreadGuestAt,
      guestName: row.guestName,
      content: row.lastMessagePreview,
    })
  }
  return {
    bootstrapped: (bootstrap?.finishedAt ?? null) !== null,
    bootstrappedAt: bootstrap?.finishedAt ?? null,
    // In index order: oldest first.
    messages,
  }
}
