import type {
  BridgeError,
  BridgeErrorCode,
  BridgeErrorDetails,
} from '../../../shared/bridge/result'
import type { PlatformProblem } from '../../../shared/platform'

/** What every PlatformClient method answers: never a throw for an expected failure. */
export type PlatformResult<T> =
  | { ok: true; value: T; ruid: string | null; warnings: PlatformProblem[] }
  | { ok: false; error: BridgeError }

export type PlatformFailure = { ok: false; error: BridgeError }

/** Injected so tests control time without waiting for it. */
export interface Clock {
  now(): number
}

export type Sleep = (ms: number) => Promise<void>

export type FetchFunction = typeof fetch

export const systemClock: Clock = { now: () => Date.now() }

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export function fail(error: BridgeError): PlatformFailure {
  return { ok: false, error }
}

/** A BridgeError, with `details` only when there is something in them. */
export function problem(
  code: BridgeErrorCode,
  message: string,
  details: BridgeErrorDetails = {},
): BridgeError {
  const present = Object.entries(details).filter(([, value]) => value !== undefined)
  return present.length > 0
    ? { code, message, details: Object.fromEntries(present) as BridgeErrorDetails }
    : { code, message }
}

/** The platform's codes as the details carry them: all of them, and the first one. */
export function platformCodeDetails(codes: string[]): BridgeErrorDetails {
  return codes.length > 0 ? { platformCode: codes[0], platformCodes: codes } : {}
}
