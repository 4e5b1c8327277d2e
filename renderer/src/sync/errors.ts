import type { PolicyReason } from '@shared/policy'
import type { PortError } from './port'

// How the engine reacts to a failed bridge call. The codes are those of PLATFORM-CHANNELS.md;
// where the bridge has spelt one differently (`outcome_unknown`, `unauthorized`,
// `platform_unavailable`), both spellings are understood.

export type FailureKind =
  /** No network: stop this run, keep everything, try again on reconnect or the next tick. */
  | 'offline'
  /** The account cannot be used (credentials, no account): stop; the user must act. */
  | 'account'
  /** 429: wait at least `retryAfterMs`. */
  | 'rate_limited'
  /** Temporary (5xx, timeout of an idempotent call): back off and try again. */
  | 'transient'
  /** A send may or may not have landed: reconcile before anything is sent again. */
  | 'unknown_outcome'
  /** Refused for good (policy, 4xx): the user must edit or drop it. */
  | 'permanent'
  /** The conversation is past its read window (410, rule 3). */
  | 'expired'

export interface Classified {
  kind: FailureKind
  code: string
  message: string
  retryAfterMs: number | null
  reasons: PolicyReason[]
}

const OFFLINE = new Set(['offline', 'unavailable'])
const ACCOUNT = new Set(['auth_failed', 'unauthorized', 'unconfigured'])
const UNKNOWN = new Set(['unknown_outcome', 'outcome_unknown'])
const PERMANENT = new Set([
  'policy_refused',
  'platform_refused',
  'invalid_argument',
  'forbidden',
  'not_found',
])

/**
 * `write` marks a call that changes the platform and is not idempotent (a send): then a timeout
 * or an unreadable answer may hide a success, so they count as an unknown outcome.
 */
export function classify(error: PortError, { write = false } = {}): Classified {
  const details = error.details ?? {}
  const status = error.status ?? details.status ?? null
  const base = {
    code: error.code,
    message: error.message,
    retryAfterMs: error.retryAfterMs ?? details.retryAfterMs ?? null,
    reasons: error.reasons ?? details.reasons ?? [],
  }
  const kind = kindOf(error.code, status, write)
  return { ...base, kind }
}

function kindOf(code: string, status: number | null, write: boolean): FailureKind {
  // The web host did not answer: it may have died after taking the send to the platform.
  if (write && code === 'unavailable') return 'unknown_outcome'
  if (OFFLINE.has(code)) return 'offline'
  if (ACCOUNT.has(code)) return 'account'
  if (code === 'rate_limited') return 'rate_limited'
  if (UNKNOWN.has(code)) return 'unknown_outcome'
  if (code === 'expired' || status === 410) return 'expired'
  if (PERMANENT.has(code)) return 'permanent'
  if (write && (code === 'timeout' || code === 'malformed_response')) return 'unknown_outcome'
  return 'transient'
}

/** Failures after which the rest of a run would fail the same way. */
export function stopsTheRun(kind: FailureKind): boolean {
  return kind === 'offline' || kind === 'account' || kind === 'rate_limited'
}
