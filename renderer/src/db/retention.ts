import { reason } from '@shared/policy'
import { deleteConversationRows } from './conversations'
import { conversationRange } from './messages'
import { outboxOf } from './outbox'
import type { InnboxDb } from './schema'
import type { OutboxFailure } from './records'
import { writeTx } from './tx'

// Rule 3: one year after check-out (or cancellation) a conversation can no longer be read, and
// the desk must not keep showing it. Its messages, attachments, translations, draft and
// reservation go; outbox records not sent yet stay, as `failed` with the reason, so nothing
// the user wrote disappears without a word.

export const EXPIRED_FAILURE_CODE = 'conversationExpired'

export function expiredConversationIds(db: InnboxDb, now: number): Promise<string[]> {
  return db.conversations.where('readClosesAt').belowOrEqual(now).primaryKeys()
}

export interface PurgeReport {
  conversations: number
  failedOutboxRecords: number
}

function expiredFailure(until: number | null): OutboxFailure {
  return {
    code: EXPIRED_FAILURE_CODE,
    message: 'the conversation passed its read window (rule 3)',
    reasons: [reason('conversationExpired', until === null ? {} : { until })],
  }
}

export function purgeConversations(
  db: InnboxDb,
  ids: readonly string[],
  now: number,
): Promise<PurgeReport> {
  const tables = [
    db.conversations,
    db.counters,
    db.messages,
    db.attachments,
    db.translations,
    db.drafts,
    db.reservations,
    db.outbox,
    // The deletion's write number (db/conversation-writes.ts).
    db.syncState,
  ]
  return writeTx(db, tables, async () => {
    const rows = await db.conversations.bulkGet([...ids])
    let failedOutboxRecords = 0
    for (const [index, conversationId] of ids.entries()) {
      const until = rows[index]?.readClosesAt ?? null
      const [lower, upper] = conversationRange(conversationId)
      await db.messages
        .where('[conversationId+timestamp]')
        .between(lower, upper, true, true)
        .delete()
      for (const record of await outboxOf(db, conversationId)) {
        if (record.state === 'sent') await db.outbox.delete(record.id)
        // A record in flight is left to the drain: the platform answers `expired` itself.
        if (record.state === 'sending' || record.state === 'sent') continue
        if (record.state === 'failed' && record.failure?.code === EXPIRED_FAILURE_CODE) continue
        failedOutboxRecords += 1
        await db.outbox.put({
          ...record,
          state: 'failed',
          failure: expiredFailure(until),
          updatedAt: now,
        })
      }
    }
    await db.attachments
      .where('conversationId')
      .anyOf([...ids])
      .delete()
    await db.translations
      .where('conversationId')
      .anyOf([...ids])
      .delete()
    await db.reservations
      .where('conversationId')
      .anyOf([...ids])
      .delete()
    await db.drafts.bulkDelete([...ids])
    await deleteConversationRows(db, ids)
    return { conversations: rows.filter(Boolean).length, failedOutboxRecords }
  })
}

/** Purges every conversation whose read window has closed at `now`. */
export async function purgeExpired(db: InnboxDb, now: number): Promise<PurgeReport> {
  const ids = await expiredConversationIds(db, now)
  if (ids.length === 0) return { conversations: 0, failedOutboxRecords: 0 }
  return purgeConversations(db, ids, now)
}
