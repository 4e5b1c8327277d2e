import type { InnboxDb } from './schema'
import type { ConversationRecord, PropertyRecord } from './records'
import { allConversations } from './inbox-queries'

// The reply score's reads (issue 10). Run in the metrics worker (renderer/src/metrics), never on
// the page: the score needs every message of the past 90 days and more.

export interface MetricsSnapshot {
  conversations: ConversationRecord[]
  properties: PropertyRecord[]
}

/**
 * Every conversation (its tags and last message tell what changed) and property. Conversations
 * are read a page at a time, each page its own short transaction, like the inbox's read model:
 * one read of 200,000 rows (issue 11, `--scale 10`) held the table for the sync's writes.
 */
export async function metricsSnapshot(db: InnboxDb): Promise<MetricsSnapshot> {
  const [conversations, properties] = await Promise.all([
    allConversations(db),
    db.properties.toArray(),
  ])
  return { conversations, properties }
}
