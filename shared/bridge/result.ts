import type { PolicyReason } from '../policy/reasons'

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
  // The booking platform, as the platform client sees it:
  /** No connection: DNS, refused, TLS, reset, or the circuit breaker is open. */
  | 'offline'
  /** The platform did not answer in time. */
  | 'timeout'
  /** The answer was not what the platform's schemas say (HTML, truncated, wrong types, too large). */
  | 'malformed_response'
  /** The machine account's credentials were refused, or none is stored on this host. */
  | 'unauthorized'
  /** 429, or the 30-tokens-per-hour cap: try again after `retryAfterMs`. */
  | 'rate_limited'
  /** 5xx after the retries. */
  | 'platform_unavailable'
  /** The platform refused the request (4xx, or a 200 carrying `errors[]`); see `platformCodes`. */
  | 'platform_refused'
  /** The property, conversation, attachment or search job does not exist (404) or expired (410). */
  | 'not_found'
  /** The messaging policy blocks this before it leaves the machine; see `reasons`. */
  | 'policy_refused'
  /** A send or upload may or may not have reached the platform: reconcile, never resend blindly. */
  | 'outcome_unknown'

export const bridgeErrorCodes: readonly BridgeErrorCode[] = [
  'invalid_argument',
  'forbidden',
  'unknown_channel',
  'unavailable',
  'storage_failed',
  'internal',
  'offline',
  'timeout',
  'malformed_response',
  'unauthorized',
  'rate_limited',
  'platform_unavailable',
  'platform_refused',
  'not_found',
  'policy_refused',
  'outcome_unknown',
]

/** What failed underneath an `offline` error, so the UI can say more than "offline". */
export type TransportCause =
  'dns' | 'connection_refused' | 'tls' | 'connection_reset' | 'breaker_open' | 'secret_missing'

/** The optional facts an error may carry; all plain data. */
export interface BridgeErrorDetails {
  /** The platform's request id when it answered: what its support asks for. */
  ruid?: string | null
  /** The HTTP status of the platform's answer, when there was one. */
  status?: number | null
  /** Rate limits and an open breaker: how long to wait before trying again. */
  retryAfterMs?: number | null
  cause?: TransportCause
  /** The platform's own error codes, e.g. `send_window_closed`. */
  platformCodes?: string[]
  /** `policy_refused`: every reason of the decision, blocking ones first. */
  reasons?: PolicyReason[]
}

export interface BridgeError extends BridgeErrorDetails {
  /** Stable, machine-readable; the UI maps it to `common:errors.<code>`. */
  code: BridgeErrorCode
  /** For logs and developers: English, may name the field that was wrong. Never a secret. */
  message: string
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

export function success<T>(value: T): BridgeResult<T> {
  return { ok: true, value }
}

export function failure(
  code: BridgeErrorCode,
  message: string,
  details: BridgeErrorDetails = {},
): BridgeResult<never> {
  return { ok: false, error: { ...details, code, message } }
}

/** Thrown inside a handler to answer with a specific error code instead of `internal`. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly details: BridgeErrorDetails = {},
  ) {
    super(message)
    this.name = 'BridgeFailure'
  }

  static from(error: BridgeError): BridgeFailure {
    const { code, message, ...details } = error
    return new BridgeFailure(code, message, details)
  }
}
