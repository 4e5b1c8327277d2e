import type { BridgeError } from '../../../shared/bridge/result'

// When to try a request again. Only requests that are safe to repeat come here (reads, the
// queue confirmation, tag PUT/DELETE): a send is never retried by the client (see client.ts).

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number
  /** Full jitter: the n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs·2ⁿ)). */
  baseDelayMs: number
  maxDelayMs: number
  /**
   * A `Retry-After` longer than this is not waited out in-process: the caller gets
   * `rate_limited` / `platform_unavailable` with `retryAfterMs` and schedules the retry itself.
   */
  maxWaitMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxWaitMs: 10_000,
}

/** A `Retry-After` never counts for more than an hour, whatever a broken server says. */
const RETRY_AFTER_CAP_MS = 60 * 60 * 1000

/** `Retry-After` as delay-seconds or an HTTP-date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null
  const text = header.trim()
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS)
  const at = Date.parse(text)
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null
  return Math.min(Math.max(0, at - now), RETRY_AFTER_CAP_MS)
}

export function fullJitterDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

const RETRYABLE = new Set<BridgeError['code']>([
  'offline',
  'timeout',
  'platform_unavailable',
  'rate_limited',
])

/**
 * How long to wait before attempt `attempt + 1` after `error` (attempt counts from 0), or
 * null when the request should not be tried again.
 */
export function retryDelay(
  error: BridgeError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (attempt + 1 >= policy.attempts || !RETRYABLE.has(error.code)) return null
  // Waiting is pointless: the breaker is open, or the secret is missing.
  const cause = error.details?.cause
  if (cause === 'breaker_open' || cause === 'secret_missing') return null
  const retryAfter = error.details?.retryAfterMs ?? null
  if (retryAfter !== null) return retryAfter <= policy.maxWaitMs ? retryAfter : null
  return fullJitterDelay(attempt, policy, random)
}
