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

export const bridgeErrorCodes: readonly BridgeErrorCode[] = [
  'invalid_argument',
  'forbidden',
  'unknown_channel',
  'unavailable',
  'storage_failed',
  'internal',
]

export interface BridgeError {
  /** Stable, machine-readable; the UI maps it to `common:errors.<code>`. */
  code: BridgeErrorCode
  /** For logs and developers: English, may name the field that was wrong. */
  message: string
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

export function success<T>(value: T): BridgeResult<T> {
  return { ok: true, value }
}

export function failure(code: BridgeErrorCode, message: string): BridgeResult<never> {
  return { ok: false, error: { code, message } }
}

/** Thrown inside a handler to answer with a specific error code instead of `internal`. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'BridgeFailure'
  }
}
