import type { Message } from '@shared/platform'
import { applyConversationUpdates, writeTables, type ConversationUpdate } from './conversations'
import type { InnboxDb } from './schema'
import type { OutboxFailure, OutboxRecord, OutboxState } from './records'
import { writeTx } from './tx'

// The outbox state machine as the drain moves it (sync/outbox-drain.ts):
//
//   queued ──► sending ──► sent
//     ▲  ▲        │ ├────► failed ──(edit and retry)──► queued
//     │  └────────┘ │      (policy, 4xx, expired: permanent)
//     │  (offline,  └────► unknown ──(reconcile: it landed)──► sent
//     │  429, 5xx)         (no answer)   │
//     └────────────────────(it did not)──┘
//
// Every transition is one strict transaction that checks the state it starts from, so a record
// cancelled or retried from another window is never moved by a stale drain.

const UNSENT: OutboxState[] = ['queued', 'sending', 'unknown']

function move(
  db: InnboxDb,
  id: string,
  from: readonly OutboxState[],
  change: (record: OutboxRecord) => OutboxRecord,
  after?: (record: OutboxRecord) => ConversationUpdate[],
): Promise<OutboxRecord | null> {
  return writeTx(db, writeTables(db), async () => {
    const record = await db.outbox.get(id)
    if (!record || !from.includes(record.state)) return null
    const next = change(record)
    await db.outbox.put(next)
    const updates = after?.(next) ?? []
    if (updates.length > 0) await applyConversationUpdates(db, updates)
    return next
  })
}

/** After a crash or a closed window: a send that was in flight may have landed. */
export function recoverInterrupted(db: InnboxDb, now: number): Promise<number> {
  return writeTx(db, db.outbox, () =>
    db.outbox
      .where('state')
      .equals('sending')
      .modify((record) => {
        // Tag actions are idempotent (PUT/DELETE): send again. A message must be reconciled.
        record.state = record.action.kind === 'send' ? 'unknown' : 'queued'
        record.updatedAt = now
      }),
  )
}

/** Failures that only said the platform could not be reached (no Retry-After of its own). */
const UNREACHABLE = new Set([
  'offline',
  'unavailable',
  'timeout',
  'unknown_outcome',
  'outcome_unknown',
])

/**
 * The platform answered again: records waiting out a backoff because it could not be reached
 * are due now (sends go out when the network is back, not minutes later). A wait a 429 or 503
 * asked for (Retry-After) is kept. Returns how many records were brought forward.
 */
export function dueAfterReconnect(db: InnboxDb, now: number): Promise<number> {
  return writeTx(db, db.outbox, () =>
    db.outbox
      .where('state')
      .anyOf(['queued', 'unknown'])
      .filter(
        (record) =>
          record.nextAttemptAt > now &&
          record.lastError !== null &&
          UNREACHABLE.has(record.lastError.code),
      )
      .modify((record) => {
        record.nextAttemptAt = now
      }),
  )
}

/** The records not sent yet, per conversation in `seq` order. */
export async function unsentByConversation(db: InnboxDb): Promise<Map<string, OutboxRecord[]>> {
  const records = await db.outbox.where('state').anyOf(UNSENT).sortBy('seq')
  const groups = new Map<string, OutboxRecord[]>()
  for (const record of records) {
    groups.set(record.conversationId, [...(groups.get(record.conversationId) ?? []), record])
  }
  return groups
}

export function markSending(db: InnboxDb, id: string, now: number) {
  return move(db, id, ['queued', 'unknown'], (r) => ({
    ...r,
    state: 'sending',
    attempts: r.attempts + 1,
    updatedAt: now,
  }))
}

export function saveUploadedAttachment(
  db: InnboxDb,
  id: string,
  index: number,
  attachmentId: string,
) {
  return move(db, id, ['sending'], (r) => {
    if (r.action.kind !== 'send') return r
    const attachments = r.action.attachments.map((a, i) =>
      i === index ? { ...a, attachmentId } : a,
    )
    return { ...r, action: { ...r.action, attachments } }
  })
}

export function markSent(
  db: InnboxDb,
  id: string,
  {
    now,
    messageId,
    from = ['sending'],
  }: { now: number; messageId: string | null; from?: OutboxState[] },
) {
  return move(
    db,
    id,
    from,
    (r) => ({ ...r, state: 'sent', messageId, sentAt: now, updatedAt: now, lastError: null }),
    (r) => sentEffects(r, now),
  )
}

function sentEffects(record: OutboxRecord, now: number): ConversationUpdate[] {
  const { action, conversationId, propertyId } = record
  if (action.kind === 'setNoReplyNeeded' || action.kind === 'clearNoReplyNeeded') {
    return [
      { conversationId, noReplyNeededSent: { set: action.kind === 'setNoReplyNeeded', at: now } },
    ]
  }
  if (action.kind !== 'send' || record.messageId === null) return []
  // Shown at once as the platform's message; its own copy replaces it when pulled.
  const message: Message = {
    message_id: record.messageId,
    content: action.content,
    timestamp: new Date(now).toISOString(),
    sender: { participant_id: 'self', metadata: { participant_type: 'property' } },
    conversation: {
      conversation_id: conversationId,
      conversation_type: 'reservation',
      property_id: propertyId,
    },
    attachment_ids: action.attachments.flatMap((a) => (a.attachmentId ? [a.attachmentId] : [])),
    attributes: undefined,
  }
  return [{ conversationId, provisional: [message] }]
}

export function markRetry(
  db: InnboxDb,
  id: string,
  {
    now,
    nextAttemptAt,
    error,
  }: { now: number; nextAttemptAt: number; error: OutboxRecord['lastError'] },
) {
  return move(db, id, ['sending'], (r) => ({
    ...r,
    state: 'queued',
    nextAttemptAt,
    updatedAt: now,
    lastError: error,
  }))
}

export function markUnknown(
  db: InnboxDb,
  id: string,
  {
    now,
    nextAttemptAt,
    error,
  }: { now: number; nextAttemptAt: number; error: OutboxRecord['lastError'] },
) {
  return move(db, id, ['sending', 'unknown'], (r) => ({
    ...r,
    state: 'unknown',
    nextAttemptAt,
    updatedAt: now,
    lastError: error,
  }))
}

/** The reconciliation found no trace of it: it goes back to the queue to be sent. */
export function markNotLanded(db: InnboxDb, id: string, now: number) {
  return move(db, id, ['unknown'], (r) => ({
    ...r,
    state: 'queued',
    nextAttemptAt: now,
    updatedAt: now,
  }))
}

export function markFailed(
  db: InnboxDb,
  id: string,
  {
    now,
    failure,
    from = ['sending'],
  }: { now: number; failure: OutboxFailure; from?: OutboxState[] },
) {
  return move(
    db,
    id,
    from,
    (r) => ({ ...r, state: 'failed', failure, updatedAt: now }),
    // A refused tag action no longer overrides the platform's tags.
    (r) => [{ conversationId: r.conversationId }],
  )
}
