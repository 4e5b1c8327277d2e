import type { z } from 'zod'
import type { BridgeError } from '../../../shared/bridge/result'
import { ACCEPT_VERSION_HEADER, MESSAGING_BASE_PATH } from '../../../shared/platform'
import type { PlatformLog } from '../logging/platform-log'
import { logPath } from '../logging/platform-log'
import type { CircuitBreaker } from './breaker'
import { offline, sendHttp } from './http'
import type { HttpMethod, HttpOutcome } from './http'
import { interpret } from './interpret'
import type { AmbiguityMeaning } from './interpret'
import { retryDelay } from './retry'
import type { RetryPolicy } from './retry'
import type { TokenSource } from './token'
import type { Clock, FetchFunction, PlatformResult, Sleep } from './types'

/** Version 1.2 adds message types and self-service requests (PLATFORM.md, Transport). */
export const API_VERSION = '1.2'

/**
 * How a request may be repeated: `always` for reads and idempotent writes; `when_unsent` only
 * when it surely never reached the platform (the queue confirmation drops N messages each
 * time it is applied); `never` for a send or an upload, which the outbox reconciles.
 */
export type RetryMode = 'always' | 'when_unsent' | 'never'

export interface CallSpec<S extends z.ZodType> {
  method: HttpMethod
  /** Under `/messaging`, from `messagingPaths`. */
  path: string
  body?: unknown
  schema: S
  retry: RetryMode
  timeoutMs?: number
}

export interface TransportOptions {
  accountId: string
  baseUrl: string
  fetch: FetchFunction
  clock: Clock
  sleep: Sleep
  random: () => number
  tokens: TokenSource
  breaker: CircuitBreaker
  log: PlatformLog
  retry: RetryPolicy
  timeoutMs: number
  maxResponseBytes: number
  /** Every final result, for the connection status. */
  onSettled?: (error: BridgeError | null) => void
}

/** Failures that say the request never reached the platform. */
const UNSENT = new Set(['dns', 'connection_refused', 'tls', 'breaker_open'])

/** Runs requests with auth, the breaker, retries and logging. One per account. */
export class PlatformTransport {
  #observed = 0

  constructor(private readonly options: TransportOptions) {}

  /** Counts HTTP outcomes for the breaker; token exchanges report here too. */
  observe = (outcome: HttpOutcome): void => {
    this.#observed += 1
    const transportFailure =
      outcome.kind === 'failed' && outcome.error.code !== 'malformed_response'
    const serverError = outcome.kind === 'answered' && outcome.status >= 500
    if (transportFailure || serverError) this.options.breaker.failed()
    else this.options.breaker.succeeded()
  }

  async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<PlatformResult<z.output<S>>> {
    const { retry, random, sleep } = this.options
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.#attempt(spec, attempt)
      const delay =
        result.ok || !this.#mayRetry(spec, result.error)
          ? null
          : retryDelay(result.error, attempt, retry, random)
      if (delay === null) {
        this.options.onSettled?.(result.ok ? null : result.error)
        return result
      }
      await sleep(delay)
    }
  }

  #mayRetry(spec: CallSpec<z.ZodType>, error: BridgeError): boolean {
    if (spec.retry === 'always') return true
    if (spec.retry === 'never') return false
    return (
      error.code === 'rate_limited' ||
      error.code === 'platform_unavailable' ||
      UNSENT.has(error.details?.cause ?? '')
    )
  }

  async #attempt<S extends z.ZodType>(
    spec: CallSpec<S>,
    attempt: number,
  ): Promise<PlatformResult<z.output<S>>> {
    const { breaker, tokens } = this.options
    const admission = breaker.admit()
    if (!admission.admitted) {
      return { ok: false, error: offline('breaker_open', { retryAfterMs: admission.retryAfterMs }) }
    }
    const observedBefore = this.#observed
    try {
      let token = await tokens.get()
      if (!token.ok) return { ok: false, error: token.error }
      let result = await this.#send(spec, token.jwt, attempt)
      // An expired or revoked token: one new token, one more try (PLATFORM.md, Transport).
      if (
        !result.ok &&
        result.error.code === 'auth_failed' &&
        result.error.details?.status === 401
      ) {
        tokens.invalidate(token.jwt)
        token = await tokens.get()
        if (!token.ok) return { ok: false, error: token.error }
        result = await this.#send(spec, token.jwt, attempt)
      }
      return result
    } finally {
      // Nothing went out (no secret, the token cap): free a half-open probe slot.
      if (this.#observed === observedBefore) breaker.released()
    }
  }

  async #send<S extends z.ZodType>(
    spec: CallSpec<S>,
    jwt: string,
    attempt: number,
  ): Promise<PlatformResult<z.output<S>>> {
    const { clock, baseUrl } = this.options
    const url = `${baseUrl}${MESSAGING_BASE_PATH}${spec.path}`
    const headers: Record<string, string> = {
      Authorization: `Bearer ${jwt}`,
      Accept: 'application/json',
      [ACCEPT_VERSION_HEADER]: API_VERSION,
    }
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json'
    const started = clock.now()
    const outcome = await sendHttp(this.options.fetch, {
      method: spec.method,
      url,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      timeoutMs: spec.timeoutMs ?? this.options.timeoutMs,
      maxBytes: this.options.maxResponseBytes,
    })
    this.observe(outcome)
    const ambiguity: AmbiguityMeaning = spec.retry === 'always' ? 'retry_safe' : 'unknown_outcome'
    const result = interpret(outcome, spec.schema, ambiguity, clock.now())
    this.options.log.request({
      account: this.options.accountId,
      method: spec.method,
      path: logPath(url),
      status: outcome.status,
      durationMs: clock.now() - started,
      ruid: result.ok ? result.ruid : (result.error.details?.ruid ?? null),
      attempt: attempt + 1,
      outcome: result.ok ? 'ok' : result.error.code,
      ...(result.ok
        ? {}
        : {
            cause: result.error.details?.cause,
            platformCodes: result.error.details?.platformCodes,
          }),
    })
    return result
  }
}
