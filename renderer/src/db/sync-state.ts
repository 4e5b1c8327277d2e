import type { InnboxDb } from './schema'

// Small named values of the sync engine and the store, each in its own row of `syncState`.

/** Where a bootstrap stands, written in the same transaction as the data it covers. */
export interface BootstrapCheckpoint {
  /** The account's properties, in the order they are bootstrapped. */
  propertyIds: string[]
  /** Properties completely written. */
  doneProperties: string[]
  /** The property in progress: the next conversation page to fetch (null = the first). */
  current: { propertyId: string; pageId: string | null; conversationsDone: number } | null
  startedAt: number
  finishedAt: number | null
}

export interface SyncStateValues {
  bootstrap: BootstrapCheckpoint
  /** The end of the last complete sync run. */
  lastSyncAt: number
  /** Per property: the instant the last reservation fetch started (`updated_since` next time). */
  reservationsSyncedAt: Record<string, number>
  /** The last retention purge (rule 3), to run it daily. */
  retentionRunAt: number
  /** The number of the last write of conversation rows (`ConversationRecord.written`). */
  conversationWrites: number
  /** The write number taken by the last deletion of conversation rows (db/conversation-writes.ts). */
  conversationDeletes: number
}

export type SyncStateKey = keyof SyncStateValues

export async function readSyncState<K extends SyncStateKey>(
  db: InnboxDb,
  key: K,
): Promise<SyncStateValues[K] | undefined> {
  const row = await db.syncState.get(key)
  return row?.value as SyncStateValues[K] | undefined
}

/** Joins the caller's transaction when there is one (a checkpoint commits with its data). */
export async function writeSyncState<K extends SyncStateKey>(
  db: InnboxDb,
  key: K,
  value: SyncStateValues[K],
): Promise<void> {
  await db.syncState.put({ key, value })
}
