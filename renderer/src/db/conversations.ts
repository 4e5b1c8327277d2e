import type { ConversationTags, ConversationType, Message, Participant } from '@shared/platform'
import { noteAttachments } from './attachments'
import { applyCounterDeltas, recordChange, type CounterDeltas } from './counters'
import { nextWrite, noteDeletion } from './conversation-writes'
import { deriveConversation } from './derive'
import { conversationRange, messageRecordFrom, messagesOf } from './messages'
import type { InnboxDb } from './schema'
import type {
  ConversationRecord,
  MessageRecord,
  OutboxRecord,
  PropertyRecord,
  ReservationRecord,
} from './records'
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
    // The number of each write of conversation rows (db/conversation-writes.ts).
    db.syncState,
  ]
}

export function applyConversationUpdates(
  db: InnboxDb,
  updates: readonly ConversationUpdate[],
): Promise<ApplyResult> {
  return writeTx(db, writeTables(db), async () => {
    const byConversation = new Map<string, ConversationUpdate[]>()
    for (const update of updates) {
      const own = byConversation.get(update.conversationId)
      if (own) own.push(update)
      else byConversation.set(update.conversationId, [update])
    }
    const allIds = [...byConversation.keys()]
    const allBefore = await db.conversations.bulkGet(allIds)
    // Re-deriving a conversation this desk does not hold (purged, never seen) creates nothing.
    const ids: string[] = []
    const before: (ConversationRecord | undefined)[] = []
    for (const [index, id] of allIds.entries()) {
      if (!allBefore[index] && byConversation.get(id)!.every(isRederiveOnly)) continue
      ids.push(id)
      before.push(allBefore[index])
    }
    if (ids.length === 0) return { newMessageIds: [] }
    const { fresh: newMessageIds, rows: written } = await storeMessages(
      db,
      updates,
      new Set(ids.filter((_, index) => !hasMessages(before[index]))),
    )
    const named = ids.map(
      (id, index) =>
        byConversation.get(id)!.findLast((u) => u.facts)?.facts?.reservationId ??
        before[index]?.reservationId ??
        null,
    )
    const known = await prefetch(db, ids, named, written)
    // The conversations are rebuilt side by side, from facts read for all of them at once
    // (`prefetch`), instead of five reads one after another per conversation, which made a first
    // sync several times slower than the storage (issue 11). Each rebuild writes only its own
    // messages' read flags; the counters are moved once, after all of them.
    const rebuilt = await Promise.all(
      ids.map((conversationId, index) =>
        rebuild(db, conversationId, byConversation.get(conversationId)!, before[index], known),
      ),
    )
    const deltas: CounterDeltas = new Map()
    const rows: ConversationRecord[] = []
    const stamp = await nextWrite(db)
    for (const [index, next] of rebuilt.entries()) {
      recordChange(deltas, before[index], next)
      rows.push({ ...next, written: stamp })
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

/**
 * Messages the updates themselves say are read (the platform's `message_read` tag, a desk's
 * mark-read): their rows are written read at once rather than written and then rewritten.
 */
function readByUpdates(updates: readonly ConversationUpdate[]) {
  const ids = new Set<string>()
  const allOf = new Set<string>()
  for (const update of updates) {
    for (const id of update.facts?.tags.message_read?.message_ids ?? []) ids.add(id)
    if (Array.isArray(update.markRead)) for (const id of update.markRead) ids.add(id)
    else if (update.markRead === 'all') allOf.add(update.conversationId)
  }
  return (message: Message) =>
    ids.has(message.message_id) || allOf.has(message.conversation.conversation_id)
}

/**
 * A conversation row without a last message had no message before this write: messages are
 * written only here, with their conversation's row, and purged with it (`storedMessages`).
 */
function hasMessages(row: ConversationRecord | undefined): boolean {
  return row !== undefined && row.lastMessageId !== null
}

/**
 * Stores the updates' messages. `empty` names conversations that held no message before: their
 * messages are not looked up first (a first sync writes every message into such a conversation,
 * and the look-up was a fifth of its time, issue 11).
 */
async function storeMessages(
  db: InnboxDb,
  updates: readonly ConversationUpdate[],
  empty: ReadonlySet<string>,
) {
  const isRead = readByUpdates(updates)
  const incoming = new Map<string, { message: Message; provisional: boolean; lookUp: boolean }>()
  for (const update of updates) {
    const isNew = (message: Message) =>
      empty.has(update.conversationId) &&
      message.conversation.conversation_id === update.conversationId
    for (const message of update.provisional ?? []) {
      incoming.set(message.message_id, { message, provisional: true, lookUp: !isNew(message) })
    }
    for (const message of update.messages ?? []) {
      incoming.set(message.message_id, { message, provisional: false, lookUp: !isNew(message) })
    }
  }
  const entries = [...incoming.values()]
  const lookedUp = await db.messages.bulkGet(
    entries.filter((e) => e.lookUp).map((e) => e.message.message_id),
  )
  const rows: MessageRecord[] = []
  const fresh: string[] = []
  let next = 0
  for (const { message, provisional, lookUp } of entries) {
    const previous = lookUp ? lookedUp[next++] : undefined
    if (!previous) fresh.push(message.message_id)
    // The platform's copy replaces a provisional one; a provisional never replaces the platform's.
    if (previous && (provisional || previous.provisional === 0)) continue
    const row = messageRecordFrom(message, previous, provisional)
    rows.push(row.read === 0 && isRead(message) ? { ...row, read: 1 } : row)
  }
  await db.messages.bulkPut(rows)
  await noteAttachments(
    db,
    rows.map((row) => ({
      conversationId: row.conversationId,
      messageId: row.messageId,
      attachmentIds: row.message.attachment_ids,
    })),
  )
  return { fresh, rows }
}

/** What the rebuilds of one write need, read for all its conversations together. */
interface Prefetched {
  /** Each conversation's reservation: the one it names, else the first by id of those naming it. */
  reservations: Map<string, ReservationRecord>
  /** Unsent tag and send actions by conversation, in `seq` order (see `pendingActions`). */
  pending: Map<string, OutboxRecord[]>
  /** The rows this write stored, by conversation. */
  written: Map<string, MessageRecord[]>
  property(propertyId: string): Promise<PropertyRecord | undefined>
}

async function prefetch(
  db: InnboxDb,
  ids: readonly string[],
  named: readonly (string | null)[],
  written: readonly MessageRecord[],
): Promise<Prefetched> {
  // The reservation a conversation names (its facts, or its stored row) is read by primary key,
  // all in one request; only a conversation that names none, or names one that is not its own,
  // is looked up through the `conversationId` index, one query each, all in flight together
  // (Dexie serves `anyOf` with a cursor that steps from key to key, which is slower still).
  const [byName, pendingRows] = await Promise.all([
    db.reservations.bulkGet(named.filter((id): id is string => id !== null)),
    db.outbox
      .where('state')
      .anyOf([...PENDING])
      .toArray(),
  ])
  const found = new Map<string, ReservationRecord>()
  for (const row of byName) if (row) found.set(row.reservationId, row)
  const reservationRows = await Promise.all(
    ids.map((id, index) => {
      const name = named[index]
      const own = name ? found.get(name) : undefined
      if (own && own.conversationId === id) return own
      return db.reservations.where('conversationId').equals(id).first()
    }),
  )
  const reservations = new Map<string, ReservationRecord>()
  for (const row of reservationRows) if (row) reservations.set(row.conversationId, row)
  const pending = groupBy(
    pendingRows.sort((a, b) => a.seq - b.seq),
    (r) => r.conversationId,
  )
  const properties = new Map<string, Promise<PropertyRecord | undefined>>()
  return {
    reservations,
    pending,
    written: groupBy(written, (m) => m.conversationId),
    property(propertyId) {
      let found = properties.get(propertyId)
      if (!found) properties.set(propertyId, (found = db.properties.get(propertyId)))
      return found
    },
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(keyOf(item))
    if (group) group.push(item)
    else groups.set(keyOf(item), [item])
  }
  return groups
}

/**
 * The conversation's stored messages. A conversation without a row, or whose row has no last
 * message, had none before this write (messages are written only here, with their conversation
 * row, and purged with it): its messages are exactly the rows just written, not read back.
 */
function storedMessages(
  db: InnboxDb,
  conversationId: string,
  before: ConversationRecord | undefined,
  known: Prefetched,
): Promise<MessageRecord[]> {
  if (hasMessages(before)) return messagesOf(db, conversationId)
  // In the index's order: by timestamp, then by id.
  const rows = [...(known.written.get(conversationId) ?? [])]
  rows.sort((a, b) =>
    a.timestamp !== b.timestamp
      ? a.timestamp - b.timestamp
      : a.messageId < b.messageId
        ? -1
        : a.messageId > b.messageId
          ? 1
          : 0,
  )
  return Promise.resolve(rows)
}

async function rebuild(
  db: InnboxDb,
  conversationId: string,
  updates: readonly ConversationUpdate[],
  before: ConversationRecord | undefined,
  known: Prefetched,
): Promise<ConversationRecord> {
  const facts = updates.findLast((u) => u.facts)?.facts
  const stored = await storedMessages(db, conversationId, before, known)
  const messages = await markRead(db, stored, updates, facts)
  const fromMessage = messages[0]?.message.conversation
  const reservation =
    known.reservations.get(conversationId) ??
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
    tags: withPendingTags(known.pending.get(conversationId) ?? [], platformTags),
    hydrated: facts?.hydrated || before?.hydrated === 1 ? (1 as const) : (0 as const),
  }
  const property = propertyId ? await known.property(propertyId) : undefined
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
function withPendingTags(
  pending: readonly OutboxRecord[],
  platformTags: ConversationTags,
): ConversationTags {
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

/**
 * Deletes conversation rows, takes them out of the counters and numbers the deletion
 * (db/conversation-writes.ts); call inside a transaction that includes `syncState`.
 */
export async function deleteConversationRows(db: InnboxDb, ids: readonly string[]): Promise<void> {
  const before = await db.conversations.bulkGet([...ids])
  const deltas: CounterDeltas = new Map()
  for (const row of before) recordChange(deltas, row, undefined)
  await db.conversations.bulkDelete([...ids])
  await applyCounterDeltas(db.counters, deltas)
  await noteDeletion(db)
}
