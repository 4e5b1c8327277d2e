import type { PolicyReason } from '../policy/reasons'
import type { TranslationFailure } from './translation-schemas'

/**
 * Every bridge call answers with a result value instead of throwing: errors cross
 * Electron's contextBridge and HTTP alike only as plain data, and a caller has to look
 * at `ok` before it can touch the value.
 */
export type BridgeErrorCode =
  | 'invalid_argument'
  | 'forbidden'
  | 'unknown_channel'
  | 'unavailable'
  | 'storage_failed'
  | 'internal'
  // The booking platform, as the platform client sees it (shared/bridge/PLATFORM-CHANNELS.md):
  /** The messaging policy blocks this before it leaves the machine; see `details.reasons`. */
  | 'policy_refused'
  /** The platform refused the request (4xx, or a 200 carrying `errors[]`). */
  | 'platform_refused'
  /** The property, conversation, attachment or search job does not exist (404). */
  | 'not_found'
  /** 410: the conversation is past its read window (PLATFORM.md rule 3). */
  | 'expired'
  /** 429, or the 30-tokens-per-hour cap: try again after `details.retryAfterMs`. */
  | 'rate_limited'
  /** No connection (DNS, refused, TLS, reset), or the circuit breaker is open. */
  | 'offline'
  /** The platform did not answer in time. */
  | 'timeout'
  /** The answer was not what the platform's schemas say (HTML, truncated, wrong types, too large). */
  | 'malformed_response'
  /** A send or upload may or may not have been applied: reconcile, never resend blindly. */
  | 'unknown_outcome'
  /** The client id or secret was refused. */
  | 'auth_failed'
  /** The account cannot be used as configured on this host (no secret stored here). */
  | 'unconfigured'
  /** 5xx after the retries (not in PLATFORM-CHANNELS.md's list; added for server failures). */
  | 'platform_unavailable'

export const bridgeErrorCodes: readonly BridgeErrorCode[] = [
  'invalid_argument',
  'forbidden',
  'unknown_channel',
  'unavailable',
  'storage_failed',
  'internal',
  'policy_refused',
  'platform_refused',
  'not_found',
  'expired',
  'rate_limited',
  'offline',
  'timeout',
  'malformed_response',
  'unknown_outcome',
  'auth_failed',
  'unconfigured',
  'platform_unavailable',
]

/** What failed underneath an `offline` (or `unconfigured`) error, so the UI can say more. */
export type TransportCause =
  'dns' | 'connection_refused' | 'tls' | 'connection_reset' | 'breaker_open' | 'secret_missing'

/** The facts an error may carry; all plain data. */
export interface BridgeErrorDetails {
  /** The platform's request id when it answered: what its support asks for. */
  ruid?: string | null
  /** The HTTP status of the platform's answer, when there was one. */
  status?: number | null
  /** The platform's first error code, e.g. `send_window_closed`. */
  platformCode?: string
  /** All of the platform's error codes. */
  platformCodes?: string[]
  /** Rate limits and an open breaker: how long to wait before trying again. */
  retryAfterMs?: number | null
  /** `policy_refused`: every reason of the decision, blocking ones first. */
  reasons?: PolicyReason[]
  cause?: TransportCause
  /** A translation service's failure (issue 9); the UI says it with `translation:errors.*`. */
  translation?: TranslationFailure
}

export interface BridgeError {
  /** Stable, machine-readable; the UI maps it to `common:errors.<camelCase code>`. */
  code: BridgeErrorCode
  /** For logs and developers: English, may name the field that was wrong. Never a secret. */
  message: string
  details?: BridgeErrorDetails
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

export function success<T>(value: T): BridgeResult<T> {
  return { ok: true, value }
}

export function failure(
  code: BridgeErrorCode,
  message: string,
  details?: BridgeErrorDetails,
): BridgeResult<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } }
}

/** Thrown inside a handler to answer with a specific error code instead of `internal`. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly details?: BridgeErrorDetails,
  ) {
    super(message)
    this.name = 'BridgeFailure'
  }

  static from(error: BridgeError): BridgeFailure {
    return new BridgeFailure(error.code, error.message, error.details)
  }
}
