import type { ConversationTags, ConversationType, Message, Participant } from '@shared/platform'
import { noteAttachments } from './attachments'
import { applyCounterDeltas, recordChange, type CounterDeltas } from './counters'
import { deriveConversation } from './derive'
import { conversationRange, messageRecordFrom, messagesOf } from './messages'
import type { InnboxDb } from './schema'
import type { ConversationRecord, MessageRecord, OutboxRecord } from './records'
import { writeTx } from './tx'

// The single write path of conversations and their messages. Derived fields are recomputed
// (db/derive.ts) and counters moved by the difference (db/counters.ts) in the same transaction
// as the rows, so nothing else may `put` into `conversations`. Re-delivered messages are
// de-duplicated by `message_id` (PLATFORM.md: the queue may deliver a message again).

export interface ConversationFacts {
  conversationType: ConversationType
  reservationId: string | null
  participants: Participant[]
  tags: ConversationTags
  /** True when the facts come from `conversations:get` (every message), false for a summary. */
  hydrated: boolean
}

export interface ConversationUpdate {
  conversationId: string
  propertyId?: string
  facts?: ConversationFacts
  /** Platform messages, new or re-delivered. */
  messages?: readonly Message[]
  /** Made from a send's answer until the platform's own copy arrives. */
  provisional?: readonly Message[]
  markRead?: 'all' | readonly string[]
  /** A `no_reply_needed` action the platform accepted, at this instant. */
  noReplyNeededSent?: { set: boolean; at: number }
}

export interface ApplyResult {
  /** Messages that were not stored before (re-deliveries excluded). */
  newMessageIds: string[]
}

const PENDING: ReadonlySet<OutboxRecord['state']> = new Set(['queued', 'sending', 'unknown'])

export function writeTables(db: InnboxDb) {
  return [
    db.conversations,
    db.messages,
    db.counters,
    db.properties,
    db.reservations,
    db.outbox,
    db.attachments,
  ]
}

export function applyConversationUpdates(
  db: InnboxDb,
  updates: readonly ConversationUpdate[],
): Promise<ApplyResult> {
  return writeTx(db, writeTables(db), async () => {
    const newMessageIds = await storeMessages(db, updates)
    const ids = [...new Set(updates.map((u) => u.conversationId))]
    const before = await db.conversations.bulkGet(ids)
    const deltas: CounterDeltas = new Map()
    const rows: ConversationRecord[] = []
    for (const [index, conversationId] of ids.entries()) {
      const own = updates.filter((u) => u.conversationId === conversationId)
      // Re-deriving a conversation this desk does not hold (purged, never seen) creates nothing.
      if (!before[index] && own.every(isRederiveOnly)) continue
      const next = await rebuild(db, conversationId, own, before[index])
      recordChange(deltas, before[index], next)
      rows.push(next)
    }
    await db.conversations.bulkPut(rows)
    await applyCounterDeltas(db.counters, deltas)
    return { newMessageIds }
  })
}

function isRederiveOnly(update: ConversationUpdate): boolean {
  return (
    !update.facts && !update.propertyId && !update.messages?.length && !update.provisional?.length
  )
}

async function storeMessages(db: InnboxDb, updates: readonly ConversationUpdate[]) {
  const incoming = new Map<string, { message: Message; provisional: boolean }>()
  for (const update of updates) {
    for (const message of update.provisional ?? []) {
      incoming.set(message.message_id, { message, provisional: true })
    }
    for (const message of update.messages ?? []) {
      incoming.set(message.message_id, { message, provisional: false })
    }
  }
  const stored = await db.messages.bulkGet([...incoming.keys()])
  const rows: MessageRecord[] = []
  const fresh: string[] = []
  for (const [index, { message, provisional }] of [...incoming.values()].entries()) {
    const previous = stored[index]
    if (!previous) fresh.push(message.message_id)
    // The platform's copy replaces a provisional one; a provisional never replaces the platform's.
    if (previous && (provisional || previous.provisional === 0)) continue
    rows.push(messageRecordFrom(message, previous, provisional))
  }
  await db.messages.bulkPut(rows)
  for (const row of rows) {
    if (row.message.attachment_ids.length === 0) continue
    await noteAttachments(db, row.conversationId, row.messageId, row.message.attachment_ids)
  }
  return fresh
}

async function rebuild(
  db: InnboxDb,
  conversationId: string,
  updates: readonly ConversationUpdate[],
  before: ConversationRecord | undefined,
): Promise<ConversationRecord> {
  const facts = updates.findLast((u) => u.facts)?.facts
  const messages = await markRead(db, await messagesOf(db, conversationId), updates, facts)
  const fromMessage = messages[0]?.message.conversation
  const reservation =
    (await db.reservations.where('conversationId').equals(conversationId).first()) ??
    (facts?.reservationId ? await db.reservations.get(facts.reservationId) : undefined)
  const propertyId =
    updates.findLast((u) => u.propertyId)?.propertyId ??
    before?.propertyId ??
    messages.find((m) => m.message.conversation.property_id)?.message.conversation.property_id ??
    reservation?.propertyId ??
    ''
  let platformTags = facts?.tags ?? before?.platformTags ?? {}
  for (const update of updates) {
    if (!update.noReplyNeededSent) continue
    const { set, at } = update.noReplyNeededSent
    platformTags = {
      ...platformTags,
      no_reply_needed: { set, set_at: set ? new Date(at).toISOString() : null },
    }
  }
  const base = {
    conversationId,
    propertyId,
    conversationType:
      facts?.conversationType ??
      before?.conversationType ??
      fromMessage?.conversation_type ??
      reservation?.reservation.conversation_type ??
      'reservation',
    reservationId:
      facts?.reservationId ??
      before?.reservationId ??
      fromMessage?.conversation_reference ??
      reservation?.reservationId ??
      null,
    participants: facts?.participants ?? before?.participants ?? [],
    platformTags,
    tags: await withPendingTags(db, conversationId, platformTags),
    hydrated: facts?.hydrated || before?.hydrated === 1 ? (1 as const) : (0 as const),
  }
  const property = propertyId ? await db.properties.get(propertyId) : undefined
  return deriveConversation(base, messages, { property, reservation })
}

async function markRead(
  db: InnboxDb,
  messages: MessageRecord[],
  updates: readonly ConversationUpdate[],
  facts: ConversationFacts | undefined,
): Promise<MessageRecord[]> {
  const all = updates.some((u) => u.markRead === 'all')
  const ids = new Set([
    ...(facts?.tags.message_read?.message_ids ?? []),
    ...updates.flatMap((u) => (Array.isArray(u.markRead) ? u.markRead : [])),
  ])
  const changed: MessageRecord[] = []
  const result = messages.map((m) => {
    if (m.read === 1 || !(all || ids.has(m.messageId))) return m
    const read = { ...m, read: 1 as const }
    changed.push(read)
    return read
  })
  if (changed.length > 0) await db.messages.bulkPut(changed)
  return result
}

/** Unsent tag actions of this desk win over the platform's last word until they are sent. */
async function withPendingTags(
  db: InnboxDb,
  conversationId: string,
  platformTags: ConversationTags,
): Promise<ConversationTags> {
  const pending = await pendingActions(db, conversationId)
  const last = pending.findLast(
    (r) => r.action.kind === 'setNoReplyNeeded' || r.action.kind === 'clearNoReplyNeeded',
  )
  if (!last) return platformTags
  const set = last.action.kind === 'setNoReplyNeeded'
  return {
    ...platformTags,
    no_reply_needed: { set, set_at: set ? new Date(last.createdAt).toISOString() : null },
  }
}

export function pendingActions(db: InnboxDb, conversationId: string): Promise<OutboxRecord[]> {
  return db.outbox
    .where('[conversationId+seq]')
    .between(...conversationRange(conversationId), true, true)
    .filter((r) => PENDING.has(r.state))
    .toArray()
}

/** Deletes conversation rows and takes them out of the counters; call inside a transaction. */
export async function deleteConversationRows(db: InnboxDb, ids: readonly string[]): Promise<void> {
  const before = await db.conversations.bulkGet([...ids])
  const deltas: CounterDeltas = new Map()
  for (const row of before) recordChange(deltas, row, undefined)
  await db.conversations.bulkDelete([...ids])
  await applyCounterDeltas(db.counters, deltas)
}
