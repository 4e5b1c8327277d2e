import { conversationRef } from './port'
import {
  applyConversationUpdates,
  markFailed,
  markNotLanded,
  markRetry,
  markSending,
  markSent,
  markUnknown,
  outboxOf,
  recoverInterrupted,
  unsentByConversation,
  type OutboxRecord,
} from '@/db'
import { mapLimit } from './concurrency'
import type { SyncContext } from './context'
import { classify, stopsTheRun, type Classified } from './errors'
import { conversationUpdate } from './fetch-conversations'
import { defaultLocks, withLockIfAvailable, type LockManagerLike } from './locks'
import { perform } from './outbox-actions'
import { DEFAULT_CLOCK_SKEW_MS, findLandedMessage } from './reconcile'

// The drain: one record at a time per conversation, in `seq` order; a few conversations in
// parallel; backoff and Retry-After; permanent refusals become `failed` with the reason; an
// unknown outcome is reconciled by reading the conversation before anything is sent again.
// Only one drain runs at a time across windows (Web Locks).

export const DRAIN_LOCK = 'innbox-outbox-drain'

export interface DrainOptions {
  /** Conversations drained at the same time. */
  parallel?: number
  backoff?: { baseMs: number; maxMs: number }
  clockSkewMs?: number
  locks?: LockManagerLike
}

export interface DrainReport {
  /** False when another window's drain held the lock. */
  ran: boolean
  sent: number
  failed: number
  /** The failure that stopped the pass (offline, rate limited, account), if any. */
  stoppedBy: Classified | null
  /** The earliest instant a waiting record may be tried again. */
  nextAttemptAt: number | null
}

type Outcome = 'sent' | 'failed' | 'wait' | 'skipped'

export function backoffDelay(
  attempts: number,
  { baseMs, maxMs }: { baseMs: number; maxMs: number },
) {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1))
}

export function createOutboxDrain(ctx: SyncContext, options: DrainOptions = {}) {
  const parallel = options.parallel ?? 3
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 }
  const locks = options.locks ?? defaultLocks()
  const skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS

  async function pass(): Promise<DrainReport> {
    const report: DrainReport = {
      ran: true,
      sent: 0,
      failed: 0,
      stoppedBy: null,
      nextAttemptAt: null,
    }
    // We hold the lock: a record still `sending` was left by a crash or a closed window.
    await recoverInterrupted(ctx.db, ctx.now())
    const groups = await unsentByConversation(ctx.db)
    await mapLimit([...groups.keys()], parallel, async (conversationId) => {
      for (;;) {
        if (report.stoppedBy) return
        const head = (await unsentByConversation(ctx.db)).get(conversationId)?.[0]
        if (!head || head.nextAttemptAt > ctx.now()) return
        const outcome = await step(head, report)
        if (outcome === 'sent') report.sent += 1
        if (outcome === 'failed') report.failed += 1
        if (outcome === 'wait') return
        // In flight elsewhere (only possible without Web Locks): leave it to its drain.
        if (outcome === 'skipped' && head.state === 'sending') return
      }
    })
    const waiting = [...(await unsentByConversation(ctx.db)).values()].map(
      (g) => g[0]?.nextAttemptAt ?? Infinity,
    )
    const next = Math.min(...waiting)
    report.nextAttemptAt = Number.isFinite(next) ? next : null
    return report
  }

  async function step(record: OutboxRecord, report: DrainReport): Promise<Outcome> {
    if (record.state === 'unknown' && record.action.kind === 'send') {
      const settled = await reconcile(record, report)
      if (settled !== 'skipped') return settled
    }
    const sending = await markSending(ctx.db, record.id, ctx.now())
    if (!sending) return 'skipped'
    const done = await perform(ctx, sending)
    const now = ctx.now()
    if (done.ok) {
      await markSent(ctx.db, record.id, { now, messageId: done.messageId })
      return 'sent'
    }
    const isSend = record.action.kind === 'send' && done.stage === 'action'
    const failure = classify(done.error, { write: isSend })
    if (failure.kind === 'permanent' || failure.kind === 'expired') {
      const { code, message, reasons } = failure
      await markFailed(ctx.db, record.id, { now, failure: { code, message, reasons } })
      return 'failed'
    }
    if (stopsTheRun(failure.kind)) report.stoppedBy = failure
    const wait = Math.max(failure.retryAfterMs ?? 0, backoffDelay(sending.attempts, backoff))
    const error = { code: failure.code, message: failure.message }
    if (failure.kind === 'unknown_outcome') {
      await markUnknown(ctx.db, record.id, { now, nextAttemptAt: now + wait, error })
    } else {
      // Rate limits say exactly when (Retry-After); other failures back off.
      const nextAttemptAt =
        now +
        (failure.kind === 'rate_limited' && failure.retryAfterMs !== null
          ? failure.retryAfterMs
          : wait)
      await markRetry(ctx.db, record.id, { now, nextAttemptAt, error })
    }
    return 'wait'
  }

  /** Answers 'skipped' when the record was not sent and may be sent now. */
  async function reconcile(record: OutboxRecord, report: DrainReport): Promise<Outcome> {
    const answer = await ctx.port.conversations.get(conversationRef(record))
    const now = ctx.now()
    if (!answer.ok) {
      const failure = classify(answer.error)
      if (failure.kind === 'permanent' || failure.kind === 'expired') {
        const { code, message, reasons } = failure
        await markFailed(ctx.db, record.id, {
          now,
          failure: { code, message, reasons },
          from: ['unknown'],
        })
        return 'failed'
      }
      if (stopsTheRun(failure.kind)) report.stoppedBy = failure
      const wait = Math.max(failure.retryAfterMs ?? 0, backoffDelay(record.attempts, backoff))
      const error = { code: failure.code, message: failure.message }
      await markUnknown(ctx.db, record.id, { now, nextAttemptAt: now + wait, error })
      return 'wait'
    }
    await applyConversationUpdates(ctx.db, [
      conversationUpdate(answer.value, record.propertyId, true),
    ])
    const claimed = new Set(
      (await outboxOf(ctx.db, record.conversationId)).flatMap((r) =>
        r.messageId ? [r.messageId] : [],
      ),
    )
    const landed = findLandedMessage(record, answer.value.messages, claimed, skew)
    if (landed) {
      await markSent(ctx.db, record.id, { now, messageId: landed.message_id, from: ['unknown'] })
      return 'sent'
    }
    await markNotLanded(ctx.db, record.id, now)
    return 'skipped'
  }

  return {
    /** One pass over the outbox; answers at once with `ran: false` if another drain runs. */
    async drain(): Promise<DrainReport> {
      const report = await withLockIfAvailable(locks, DRAIN_LOCK, pass)
      return report ?? { ran: false, sent: 0, failed: 0, stoppedBy: null, nextAttemptAt: null }
    },
  }
}

export type OutboxDrain = ReturnType<typeof createOutboxDrain>
