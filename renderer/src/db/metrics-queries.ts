import type { InnboxDb } from './schema'
import type { ConversationRecord, PropertyRecord } from './records'

// The reply score's reads (issue 10). Run in the metrics worker (renderer/src/metrics), never on
// the page: the score needs every message of the past 90 days and more.

export interface MetricsSnapshot {
  conversations: ConversationRecord[]
  properties: PropertyRecord[]
}

/** Every conversation (its tags and last message tell what changed) and property, in one read. */
export function metricsSnapshot(db: InnboxDb): Promise<MetricsSnapshot> {
  return db.transaction('r', [db.conversations, db.properties], async () => {
    const [conversations, properties] = await Promise.all([
      db.conversations.toArray(),
      db.properties.toArray(),
    ])
    return { conversations, properties }
  })
}
