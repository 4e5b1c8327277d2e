import type { Transaction } from 'dexie'
import { recountTables } from '../counters'
import type { ConversationRecord, CounterRecord } from '../records'

// Version 2: per-property counters (unread, needs reply) that the UI reads constantly are kept
// up to date by every conversation write instead of being recounted by scanning (issue 6).
// Stores that existed before this version get their counters backfilled from a full recount.

export const version = 2

export const stores = {
  counters: 'propertyId',
} as const

export async function upgrade(tx: Transaction): Promise<void> {
  await recountTables(
    tx.table<ConversationRecord, string>('conversations'),
    tx.table<CounterRecord, string>('counters'),
  )
}
