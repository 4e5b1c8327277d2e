import { applyConversationUpdates, writeTables } from './conversations'
import { conversationRange } from './messages'
import type { InnboxDb } from './schema'
import type { MessageOrigin, OutboxAction, OutboxAttachment, OutboxRecord } from './records'
import { writeTx } from './tx'

// The outbox: every action that must reach the platform is first a record here, with an id
// made on this desk, committed (strict durability, see schema.ts) before any network. Its
// local effect (a tag, messages read) is applied in the same transaction, so the UI changes at
// once and never shows an effect whose record could be lost. Sent records are kept as proof:
// a sent message can never be deleted or edited (rule 7).

export interface OutboxTarget {
  propertyId: string
  conversationId: string
}

export interface EnqueueOptions {
  now: number
  /** Injected by tests, or a scheduled send's idempotency key; otherwise a random UUID. */
  id?: string
  /** The template (and rule) the message came from, for the audit trail. */
  origin?: MessageOrigin
}

export function outboxOf(db: InnboxDb, conversationId: string): Promise<OutboxRecord[]> {
  return db.outbox
    .where('[conversationId+seq]')
    .between(...conversationRange(conversationId), true, true)
    .toArray()
}

async function nextSeq(db: InnboxDb): Promise<number> {
  const last = await db.outbox.orderBy('seq').last()
  return (last?.seq ?? 0) + 1
}

function enqueue(
  db: InnboxDb,
  target: OutboxTarget,
  action: OutboxAction,
  { now, id, origin }: EnqueueOptions,
  effect?: () => Promise<unknown>,
): Promise<OutboxRecord> {
  return writeTx(db, [...writeTables(db), db.drafts], async () => {
    const record: OutboxRecord = {
      id: id ?? crypto.randomUUID(),
      seq: await nextSeq(db),
      ...target,
      action,
      state: 'queued',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: now,
      lastError: null,
      failure: null,
      messageId: null,
      sentAt: null,
      ...(origin ? { origin } : {}),
    }
    await db.outbox.add(record)
    await effect?.()
    return record
  })
}

/**
 * Queues a message; the conversation's draft goes in the same transaction, never before —
 * unless `keepDraft` (a scheduled send must not take what staff are writing).
 */
export function enqueueSend(
  db: InnboxDb,
  target: OutboxTarget & {
    content: string
    attachments?: readonly Omit<OutboxAttachment, 'attachmentId'>[]
    keepDraft?: boolean
  },
  options: EnqueueOptions,
): Promise<OutboxRecord> {
  const { content, attachments = [], keepDraft = false, ...where } = target
  const action: OutboxAction = {
    kind: 'send',
    content,
    attachments: attachments.map((a) => ({ ...a, attachmentId: null })),
  }
  return enqueue(db, where, action, options, () =>
    keepDraft ? Promise.resolve() : db.drafts.delete(where.conversationId),
  )
}

/** Sets or clears "no reply needed"; the conversation shows it at once. */
export function enqueueNoReplyNeeded(
  db: InnboxDb,
  target: OutboxTarget & { set: boolean },
  options: EnqueueOptions,
): Promise<OutboxRecord> {
  const { set, ...where } = target
  const action: OutboxAction = { kind: set ? 'setNoReplyNeeded' : 'clearNoReplyNeeded' }
  return enqueue(db, where, action, options, () =>
    applyConversationUpdates(db, [{ conversationId: where.conversationId }]),
  )
}

/**
 * Marks the given (or every unread) guest message read here at once and queues the
 * `message_read` tag. Null when there was nothing unread to tell the platform.
 */
export function enqueueMarkRead(
  db: InnboxDb,
  target: OutboxTarget & { messageIds?: readonly string[] },
  options: EnqueueOptions,
): Promise<OutboxRecord | null> {
  const { messageIds, ...where } = target
  return writeTx(db, [...writeTables(db), db.drafts], async () => {
    const conversation = await db.conversations.get(where.conversationId)
    const unread = await db.messages
      .where('[conversationId+timestamp]')
      .between(...conversationRange(where.conversationId), true, true)
      .filter((m) => m.sender === 'guest' && m.read === 0)
      .primaryKeys()
    const ids = messageIds ? [...messageIds] : unread
    if (ids.length === 0) return null
    const participantId =
      conversation?.participants.find((p) => p.metadata.participant_type === 'property')
        ?.participant_id ?? ''
    const action: OutboxAction = { kind: 'markRead', messageIds: ids, participantId }
    return enqueue(db, where, action, options, () =>
      applyConversationUpdates(db, [{ conversationId: where.conversationId, markRead: ids }]),
    )
  })
}

export type CancelResult = { ok: true } | { ok: false; state: OutboxRecord['state'] | 'missing' }

/** Only a record that has not started sending can be cancelled (a sent one never: rule 7). */
export function cancelOutboxRecord(db: InnboxDb, id: string): Promise<CancelResult> {
  return writeTx(db, writeTables(db), async () => {
    const record = await db.outbox.get(id)
    if (!record) return { ok: false, state: 'missing' }
    if (record.state !== 'queued' && record.state !== 'failed') {
      return { ok: false, state: record.state }
    }
    await db.outbox.delete(id)
    // A cancelled tag action no longer overrides the platform's tags.
    await applyConversationUpdates(db, [{ conversationId: record.conversationId }])
    return { ok: true }
  })
}

/**
 * Puts a failed record back in the queue, behind everything queued meanwhile, optionally with
 * new text (edit and retry). Answers null when the record is not failed.
 */
export function retryOutboxRecord(
  db: InnboxDb,
  id: string,
  { now, content }: { now: number; content?: string },
): Promise<OutboxRecord | null> {
  return writeTx(db, writeTables(db), async () => {
    const record = await db.outbox.get(id)
    if (!record || record.state !== 'failed') return null
    const action =
      record.action.kind === 'send' && content !== undefined
        ? { ...record.action, content }
        : record.action
    const retried: OutboxRecord = {
      ...record,
      action,
      seq: await nextSeq(db),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now,
      lastError: null,
      failure: null,
    }
    await db.outbox.put(retried)
    await applyConversationUpdates(db, [{ conversationId: record.conversationId }])
    return retried
  })
}
