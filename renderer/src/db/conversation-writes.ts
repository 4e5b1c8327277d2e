import type { ConversationRecord } from './records'
import type { InnboxDb } from './schema'
import { readSyncState, writeSyncState } from './sync-state'

// Reads by write number (`ConversationRecord.written`, schema version 6): what a reader that
// keeps its own copy of the conversations between starts needs to catch up without reading
// every row (metrics/model.ts; issue 11: at 200,000 conversations a read of every row took a
// second of the reading thread).

/**
 * The number of the last write of conversation rows; 0 before the first. Kept in its own row,
 * not read from the rows: deleting the rows last written (a retention purge) must not give their
 * number to the next write, which a reader that saw it would then skip.
 */
export async function latestWrite(db: InnboxDb): Promise<number> {
  return (await readSyncState(db, 'conversationWrites')) ?? 0
}

/** The number of a new write of conversation rows; call inside that write's transaction. */
export async function nextWrite(db: InnboxDb): Promise<number> {
  const next = (await latestWrite(db)) + 1
  await writeSyncState(db, 'conversationWrites', next)
  return next
}

/**
 * Deleting conversation rows takes a write number too (call inside the deleting transaction):
 * a reader that caught up to N reads every id only when a deletion is numbered above N
 * (`latestDeletion`). Reading every id makes the store scan the whole table (1.25 s of its
 * thread at 200,000 conversations, every read of the page waiting behind it); deletions are
 * rare (the daily retention purge).
 */
export async function noteDeletion(db: InnboxDb): Promise<void> {
  await writeSyncState(db, 'conversationDeletes', await nextWrite(db))
}

/** The write number of the last deletion of conversation rows; 0 when there was none. */
export async function latestDeletion(db: InnboxDb): Promise<number> {
  return (await readSyncState(db, 'conversationDeletes')) ?? 0
}

/** The rows last written by a write numbered above `after`. */
export function conversationsWrittenAfter(
  db: InnboxDb,
  after: number,
): Promise<ConversationRecord[]> {
  return db.conversations.where('written').above(after).toArray()
}

/** Every conversation's id, without its row: to see which ones were deleted (see `noteDeletion`). */
export function conversationKeys(db: InnboxDb): Promise<string[]> {
  return db.conversations.toCollection().primaryKeys()
}
