import type { Table } from 'dexie'
import type { InnboxDb } from './schema'
import type { ConversationRecord, CounterRecord } from './records'
import { writeTx } from './tx'

// Per-property counts the UI shows all the time (unread, needs reply), maintained instead of
// recounted. Design: a conversation row *contributes* to its property's counters through
// `contributionOf`, a pure function of the row. Every write of a conversation row goes through
// db/conversations.ts, which reads the stored row and writes the new one in the same
// transaction as it adds (new contribution − old contribution) to the counters. IndexedDB runs
// read-write transactions on the same tables one after the other, so no update is lost, and a
// transaction that fails rolls the counters back with the rows: they cannot drift. `recount`
// rebuilds them from the rows (migration 0002, and the tests that prove the invariant).

export type CounterValues = Omit<CounterRecord, 'propertyId'>
export type CounterDeltas = Map<string, CounterValues>

const ZERO: CounterValues = {
  conversations: 0,
  unreadConversations: 0,
  unreadMessages: 0,
  needsReply: 0,
}

export function zeroCounters(propertyId: string): CounterRecord {
  return { propertyId, ...ZERO }
}

export function contributionOf(row: ConversationRecord): CounterValues {
  return {
    conversations: 1,
    unreadConversations: row.unreadCount > 0 ? 1 : 0,
    unreadMessages: row.unreadCount,
    needsReply: row.needsReply,
  }
}

function add(deltas: CounterDeltas, propertyId: string, values: CounterValues, sign: 1 | -1) {
  const current = deltas.get(propertyId) ?? { ...ZERO }
  for (const key of Object.keys(ZERO) as (keyof CounterValues)[]) {
    current[key] += sign * values[key]
  }
  deltas.set(propertyId, current)
}

/** Records the change from `before` to `after` (either may be absent: insert or delete). */
export function recordChange(
  deltas: CounterDeltas,
  before: ConversationRecord | undefined,
  after: ConversationRecord | undefined,
): void {
  if (before) add(deltas, before.propertyId, contributionOf(before), -1)
  if (after) add(deltas, after.propertyId, contributionOf(after), 1)
}

/** Adds the deltas to the stored counters; call inside the transaction that wrote the rows. */
export async function applyCounterDeltas(
  counters: Table<CounterRecord, string>,
  deltas: CounterDeltas,
): Promise<void> {
  const ids = [...deltas.keys()]
  if (ids.length === 0) return
  const stored = await counters.bulkGet(ids)
  const next = ids.map((propertyId, index) => {
    const row = stored[index] ?? zeroCounters(propertyId)
    const delta = deltas.get(propertyId) ?? ZERO
    const updated = { ...row }
    for (const key of Object.keys(ZERO) as (keyof CounterValues)[]) updated[key] += delta[key]
    return updated
  })
  await counters.bulkPut(next)
}

export interface CounterDrift {
  propertyId: string
  stored: CounterValues
  recounted: CounterValues
}

function sameValues(a: CounterValues, b: CounterValues): boolean {
  return (Object.keys(ZERO) as (keyof CounterValues)[]).every((key) => a[key] === b[key])
}

/**
 * Recounts every property's counters from the conversation rows, replaces the stored ones and
 * answers where they differed (empty when the maintained values were right).
 */
export async function recountTables(
  conversations: Table<ConversationRecord, string>,
  counters: Table<CounterRecord, string>,
): Promise<CounterDrift[]> {
  const recounted: CounterDeltas = new Map()
  await conversations.each((row) => add(recounted, row.propertyId, contributionOf(row), 1))
  const stored = new Map((await counters.toArray()).map((row) => [row.propertyId, row]))
  const drift: CounterDrift[] = []
  for (const propertyId of new Set([...recounted.keys(), ...stored.keys()])) {
    const storedRow = stored.get(propertyId)
    const want = recounted.get(propertyId) ?? { ...ZERO }
    const have = storedRow ? withoutId(storedRow) : { ...ZERO }
    if (!sameValues(want, have)) drift.push({ propertyId, stored: have, recounted: want })
  }
  await counters.clear()
  await counters.bulkPut([...recounted].map(([propertyId, values]) => ({ propertyId, ...values })))
  return drift
}

function withoutId({ propertyId: _id, ...values }: CounterRecord): CounterValues {
  return values
}

/** The repair: recount in one transaction. */
export function recount(db: InnboxDb): Promise<CounterDrift[]> {
  return writeTx(db, [db.conversations, db.counters], () =>
    recountTables(db.conversations, db.counters),
  )
}

/** Every property's counters (a property without conversations has no row: read it as zero). */
export function readCounters(db: InnboxDb): Promise<CounterRecord[]> {
  return db.counters.toArray()
}
