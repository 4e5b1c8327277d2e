import { shallowReactive, shallowRef } from 'vue'
import type { BridgeResult } from '@shared/bridge/result'
import type { TranslateResult, TranslationFailure } from '@shared/bridge/translation-schemas'
import type { TranslationRecord } from '@/db'

/**
 * The queue of message translations the desk asked for (issue 9). Each message and target
 * language is one job: pending (waiting or on its way), queued (offline, or the service asked
 * to slow down: tried again later by itself), failed (with the reason), or done (saved to the
 * offline store, from where the screen reads it). Jobs with the same languages travel together,
 * a batch per request. Reading and sending never wait on it: it only ever fills in text.
 */

/** Why a translation could not be made, in the terms the UI explains. */
export type JobFailure = TranslationFailure | { code: 'storage_failed' } | { code: 'unknown' }

export type JobState =
  | { status: 'pending' }
  | { status: 'queued'; reason: 'offline' | 'rate_limited'; retryAt: number }
  | { status: 'failed'; failure: JobFailure }
  | { status: 'done'; providerId: string }

export interface TranslationJob {
  key: string
  messageId: string
  conversationId: string
  text: string
  /** The language detected on the device when sure enough, else null: the service detects. */
  source: string | null
  target: string
  attempts: number
  state: JobState
}

export interface JobInput {
  messageId: string
  conversationId: string
  text: string
  source: string | null
  target: string
}

export interface QueueDeps {
  translate(
    texts: string[],
    source: string | null,
    target: string,
  ): Promise<BridgeResult<TranslateResult>>
  save(records: TranslationRecord[]): Promise<void>
  isOnline(): boolean
  now(): number
  setTimer(run: () => void, delayMs: number): () => void
}

/** Texts per request: the Node side splits further within each service's limits. */
export const BATCH_SIZE = 50
/** [ours] Offline: try again after 15 s, doubling up to 5 minutes (and at once on reconnect). */
export const OFFLINE_RETRY_MS = 15_000
export const OFFLINE_RETRY_MAX_MS = 5 * 60_000
/** [ours] A rate limit without Retry-After: wait half a minute. */
export const RATE_LIMIT_DEFAULT_MS = 30_000

export const jobKey = (messageId: string, target: string) => `${messageId}|${target}`

/** Worth trying again by itself: the network, a slow or busy service, the Node side away. */
function transient(code: string): 'offline' | 'rate_limited' | null {
  if (code === 'rate_limited') return 'rate_limited'
  return ['offline', 'timeout', 'unavailable'].includes(code) ? 'offline' : null
}

export function createTranslationQueue(deps: QueueDeps) {
  const jobs = shallowReactive(new Map<string, TranslationJob>())
  /** Until when the service asked us to send nothing at all (a rate limit). */
  const pausedUntil = shallowRef(0)
  let running = false
  let again = false
  let stopped = false
  let cancelTimer: (() => void) | null = null

  const set = (job: TranslationJob, state: JobState, attempts = job.attempts) =>
    jobs.set(job.key, { ...job, state, attempts })

  /** Asks for a translation; one already pending, queued or done is left as it is. */
  function request(input: JobInput, { force = false } = {}): void {
    const key = jobKey(input.messageId, input.target)
    const existing = jobs.get(key)
    if (existing && !force) return
    jobs.set(key, { ...input, key, attempts: 0, state: { status: 'pending' } })
    soon()
  }

  // Requests made together (a whole conversation) go out together: the pump starts after the
  // current task, once they are all in.
  let starting = false
  function soon(): void {
    if (starting) return
    starting = true
    queueMicrotask(() => {
      starting = false
      void pump()
    })
  }

  /** The network is back (or the service changed): queued jobs go now, rate limits excepted. */
  function retryQueued(): void {
    for (const job of jobs.values()) {
      if (job.state.status === 'queued' && job.state.reason === 'offline') {
        set(job, { status: 'pending' })
      }
    }
    void pump()
  }

  /** Forgets failures and results, so the next request asks again (a new service or key). */
  function forgetSettled(): void {
    for (const job of [...jobs.values()]) {
      if (job.state.status === 'failed' || job.state.status === 'done') jobs.delete(job.key)
    }
  }

  function arm(): void {
    cancelTimer?.()
    cancelTimer = null
    const waits = [...jobs.values()].flatMap((job) =>
      job.state.status === 'queued' ? [job.state.retryAt] : [],
    )
    if (pausedUntil.value > deps.now()) waits.push(pausedUntil.value)
    if (waits.length === 0) return
    const delay = Math.max(0, Math.min(...waits) - deps.now())
    cancelTimer = deps.setTimer(() => {
      cancelTimer = null
      const now = deps.now()
      for (const job of jobs.values()) {
        if (job.state.status === 'queued' && job.state.retryAt <= now) {
          set(job, { status: 'pending' })
        }
      }
      void pump()
    }, delay)
  }

  /** Applies a refusal to the jobs; true when it is worth trying again by itself. */
  function settle(batch: TranslationJob[], answer: BridgeResult<TranslateResult>): boolean {
    if (answer.ok) return false
    const { error } = answer
    const code = error.details?.translation?.code ?? error.code
    const kind = transient(code)
    const now = deps.now()
    if (kind === 'rate_limited') {
      pausedUntil.value = now + (error.details?.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS)
      for (const job of batch) {
        set(job, { status: 'queued', reason: 'rate_limited', retryAt: pausedUntil.value })
      }
    } else if (kind === 'offline') {
      for (const job of batch) {
        const attempts = job.attempts + 1
        const wait = Math.min(OFFLINE_RETRY_MAX_MS, OFFLINE_RETRY_MS * 2 ** (attempts - 1))
        set(job, { status: 'queued', reason: 'offline', retryAt: now + wait }, attempts)
      }
    } else {
      const failure: JobFailure = error.details?.translation ?? { code: 'unknown' }
      for (const job of batch) set(job, { status: 'failed', failure })
      return false
    }
    return true
  }

  /** One request; the answer says whether to go on with the next batch. */
  async function send(
    batch: TranslationJob[],
  ): Promise<{ next: 'continue' } | { next: 'wait'; answer: BridgeResult<TranslateResult> }> {
    const { source, target } = batch[0]!
    const answer = await deps.translate(
      batch.map((job) => job.text),
      source,
      target,
    )
    if (!answer.ok) {
      return settle(batch, answer) ? { next: 'wait', answer } : { next: 'continue' }
    }
    const { providerId, translations } = answer.value
    const translatedAt = deps.now()
    const records = batch.map((job, index) => ({
      messageId: job.messageId,
      language: job.target,
      conversationId: job.conversationId,
      text: translations[index]?.text ?? '',
      provider: providerId,
      translatedAt,
    }))
    try {
      await deps.save(records)
    } catch {
      for (const job of batch) set(job, { status: 'failed', failure: { code: 'storage_failed' } })
      return { next: 'continue' }
    }
    for (const job of batch) {
      const current = jobs.get(job.key)
      if (current?.state.status === 'pending') set(current, { status: 'done', providerId })
    }
    return { next: 'continue' }
  }

  async function pump(): Promise<void> {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = true
    const inFlight = new Set<string>()
    try {
      do {
        again = false
        if (pausedUntil.value > deps.now()) break
        const ready = [...jobs.values()].filter(
          (job) => job.state.status === 'pending' && !inFlight.has(job.key),
        )
        if (ready.length === 0) break
        if (!deps.isOnline()) {
          // The browser knows there is no network: queue without sending into the void.
          settle(ready, { ok: false, error: { code: 'offline', message: 'No network.' } })
          break
        }
        const { source, target } = ready[0]!
        const batch = ready
          .filter((job) => job.target === target && job.source === source)
          .slice(0, BATCH_SIZE)
        batch.forEach((job) => inFlight.add(job.key))
        const outcome = await send(batch)
        if (stopped) break
        if (outcome.next === 'wait') {
          // Offline or slowed down: what else is waiting would meet the same answer.
          const rest = [...jobs.values()].filter(
            (job) => job.state.status === 'pending' && !inFlight.has(job.key),
          )
          settle(rest, outcome.answer)
          break
        }
        again = true
      } while (again)
    } finally {
      running = false
      arm()
    }
    // Asked for while the last round ended waiting: it gets its own answer (queued, if so).
    if (again) void pump()
  }

  /** The store is gone: nothing more is sent. */
  function stop(): void {
    stopped = true
    cancelTimer?.()
    cancelTimer = null
  }

  return { jobs, pausedUntil, request, retryQueued, forgetSettled, pump, stop }
}

export type TranslationQueue = ReturnType<typeof createTranslationQueue>
