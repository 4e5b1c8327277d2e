import type { InnboxDb } from './schema'
import { readSyncState } from './sync-state'

// The read behind desktop notifications (issue 7): guest messages stored since an instant,
// across every property. Served by `[propertyId+lastActivityAt]` (the conversations active
// since then) and `[conversationId+timestamp]` (their messages since then), no table scan.

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
  /** Unread guest messages at or after `since`, oldest first. */
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
  // Each range is read whole (one getAll) and filtered here: a Dexie `filter` walks a cursor,
  // one round trip per message, which took a tenth of the page's start at 20,000 conversations.
  const ranges = await Promise.all(
    conversations.map((conversation) =>
      db.messages
        .where('[conversationId+timestamp]')
        .between(
          [conversation.conversationId, since],
          [conversation.conversationId, Number.POSITIVE_INFINITY],
          true,
          true,
        )
        .toArray(),
    ),
  )
  const messages = ranges.map((rows) =>
    rows.filter((row) => row.sender === 'guest' && row.read === 0 && row.provisional === 0),
  )
  const candidates = conversations.flatMap((conversation, index) =>
    (messages[index] ?? []).map((row) => ({
      messageId: row.messageId,
      conversationId: conversation.conversationId,
      propertyId: conversation.propertyId,
      timestamp: row.timestamp,
      guestName: conversation.guestName,
      content: row.message.content,
    })),
  )
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
