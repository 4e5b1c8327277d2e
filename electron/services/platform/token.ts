import type { BridgeError } from '../../../shared/bridge/result'
import {
  parseBody,
  TOKEN_EXCHANGE_PATH,
  TOKEN_LIFETIME_MS,
  TOKENS_PER_HOUR_MAX,
  tokenExchangeResponseSchema,
} from '../../../shared/platform'
import type { PlatformLog } from '../logging/platform-log'
import { logPath } from '../logging/platform-log'
import { offline, sendHttp } from './http'
import type { HttpOutcome } from './http'
import { parseRetryAfter } from './retry'
import { platformCodeDetails, problem } from './types'
import type { Clock, FetchFunction } from './types'

// Machine-account tokens (PLATFORM.md, Transport): client id + secret → a JWT that lives one
// hour; at most 30 per hour per account.

const HOUR_MS = 60 * 60 * 1000
/** A token is renewed this long before it expires, so no request carries a dying one. */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 1000

/**
 * Tokens issued per account over the last hour, shared by every client of that account in
 * this process, so switching accounts back and forth or testing a connection cannot break
 * the platform's cap.
 */
export class ExchangeLedger {
  readonly #issued = new Map<string, number[]>()
  constructor(private readonly limit = TOKENS_PER_HOUR_MAX) {}

  /** Null when another exchange is allowed now, else how long until one is. */
  waitBefore(key: string, now: number): number | null {
    const recent = (this.#issued.get(key) ?? []).filter((at) => at > now - HOUR_MS)
    this.#issued.set(key, recent)
    if (recent.length < this.limit) return null
    return (recent[0] ?? now) + HOUR_MS - now
  }

  record(key: string, now: number): void {
    this.#issued.set(key, [...(this.#issued.get(key) ?? []), now])
  }
}

export interface TokenSourceOptions {
  accountId: string
  baseUrl: string
  clientId: string
  /** Read when an exchange is needed, so the secret is not kept in this object. */
  secret: () => Promise<string | null>
  fetch: FetchFunction
  clock: Clock
  ledger: ExchangeLedger
  log: PlatformLog
  timeoutMs: number
  /** Called with the exchange's transport outcome, for the circuit breaker. */
  observe?: (outcome: HttpOutcome) => void
}

export type TokenOutcome = { ok: true; jwt: string } | { ok: false; error: BridgeError }

export class TokenSource {
  #cached: { jwt: string; renewAt: number } | null = null
  #inflight: Promise<TokenOutcome> | null = null

  constructor(private readonly options: TokenSourceOptions) {}

  /** A valid token: the cached one, or one exchange shared by every caller waiting for it. */
  get(): Promise<TokenOutcome> {
    const cached = this.#cached
    if (cached && this.options.clock.now() < cached.renewAt) {
      return Promise.resolve({ ok: true, jwt: cached.jwt })
    }
    this.#inflight ??= this.#exchange().finally(() => (this.#inflight = null))
    return this.#inflight
  }

  /** The platform refused this token (401): forget it, unless a newer one already replaced it. */
  invalidate(jwt: string): void {
    if (this.#cached?.jwt === jwt) this.#cached = null
  }

  async #exchange(): Promise<TokenOutcome> {
    const { clock, ledger, clientId, baseUrl, accountId } = this.options
    const key = `${baseUrl}|${clientId}`
    const wait = ledger.waitBefore(key, clock.now())
    if (wait !== null) {
      const message = `${TOKENS_PER_HOUR_MAX} tokens were issued in the last hour; waiting for the platform's cap.`
      return { ok: false, error: problem('rate_limited', message, { retryAfterMs: wait }) }
    }
    const secret = await this.options.secret()
    if (!secret) return { ok: false, error: offline('secret_missing', {}, 'unconfigured') }
    const url = `${baseUrl}${TOKEN_EXCHANGE_PATH}`
    const started = clock.now()
    const outcome = await sendHttp(this.options.fetch, {
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ client_id: clientId, client_secret: secret }),
      timeoutMs: this.options.timeoutMs,
      maxBytes: 64 * 1024,
    })
    this.options.observe?.(outcome)
    const result = this.#read(outcome, started)
    this.options.log.request({
      account: accountId,
      method: 'POST',
      path: logPath(url),
      status: outcome.status,
      durationMs: clock.now() - started,
      ruid: result.ruid,
      attempt: 1,
      outcome: result.token.ok ? 'ok' : result.token.error.code,
      ...(result.token.ok ? {} : { cause: result.token.error.details?.cause }),
    })
    if (result.token.ok) {
      ledger.record(key, started)
      this.#cached = {
        jwt: result.token.jwt,
        renewAt: started + TOKEN_LIFETIME_MS - TOKEN_REFRESH_MARGIN_MS,
      }
    }
    return result.token
  }

  #read(outcome: HttpOutcome, now: number): { token: TokenOutcome; ruid: string | null } {
    if (outcome.kind === 'failed') return { token: { ok: false, error: outcome.error }, ruid: null }
    let json: unknown
    try {
      json = JSON.parse(outcome.text)
    } catch {
      json = undefined
    }
    const parsed = parseBody(json, tokenExchangeResponseSchema, { status: outcome.status })
    if (parsed.ok) return { token: { ok: true, jwt: parsed.data.jwt }, ruid: parsed.ruid }
    const { ruid, status } = parsed.error
    const codes = parsed.error.errors.flatMap((item) => (item.code ? [item.code] : []))
    const details = { ruid, status, ...platformCodeDetails(codes) }
    const refuse = (error: BridgeError) => ({ token: { ok: false as const, error }, ruid })
    if (parsed.error.kind === 'malformed') {
      const message = 'The token endpoint did not answer with JSON in the expected shape.'
      return refuse(problem('malformed_response', message, details))
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(outcome.headers.get('retry-after'), now) ?? undefined
      const message = 'The platform refused a new token for now (rate limit).'
      return refuse(problem('rate_limited', message, { ...details, retryAfterMs }))
    }
    if (status !== null && status >= 500) {
      return refuse(
        problem('platform_unavailable', `The token endpoint failed (HTTP ${status}).`, details),
      )
    }
    return refuse(problem('auth_failed', 'The platform refused the client id or secret.', details))
  }
}
