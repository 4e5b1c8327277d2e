import type { PlatformStatus } from '../../../shared/bridge/account-schemas'
import type { BridgeError, BridgeErrorCode } from '../../../shared/bridge/result'
import type { Accounts } from '../accounts/accounts'
import type { EventHub } from '../event-hub'
import type { PlatformLog } from '../logging/platform-log'
import { CircuitBreaker, defaultBreakerOptions } from './breaker'
import type { BreakerOptions, BreakerSnapshot } from './breaker'
import { PlatformClient } from './client'
import type { PlatformClientOptions } from './client'
import { PolicyFacts } from './facts'
import { ExchangeLedger } from './token'
import type { Clock } from './types'
import { systemClock } from './types'

/** Knobs tests turn; the defaults are the product's. */
export type ConnectionTuning = Omit<
  PlatformClientOptions,
  'account' | 'secret' | 'ledger' | 'breaker' | 'log' | 'onSettled' | 'clock'
> & { clock?: Clock; breaker?: BreakerOptions }

/** Failures that say something about the platform itself, shown with its status. */
const STATUS_ERRORS = new Set<BridgeErrorCode>([
  'offline',
  'timeout',
  'malformed_response',
  'unauthorized',
  'rate_limited',
  'platform_unavailable',
])

interface Session {
  accountId: string
  client: PlatformClient
  facts: PolicyFacts
}

/**
 * The active account's client, its policy facts and its status. Rebuilt when the active
 * account changes; emits `platform:statusChanged` when the account, the connection state or
 * the kind of the last failure changes.
 */
export class PlatformConnection {
  readonly ledger = new ExchangeLedger()
  readonly clock: Clock
  #session: Promise<Session> | null = null
  #status: Omit<PlatformStatus, 'account'> = {
    connection: 'unknown',
    since: 0,
    retryAt: null,
    lastError: null,
  }

  constructor(
    private readonly accounts: Accounts,
    private readonly events: EventHub,
    private readonly log: PlatformLog,
    private readonly tuning: ConnectionTuning = {},
  ) {
    this.clock = tuning.clock ?? systemClock
    this.#status.since = this.clock.now()
  }

  /** The active account's client and facts, built on first use. */
  use(): Promise<Session> {
    this.#session ??= this.#open().catch((error: unknown) => {
      this.#session = null
      throw error
    })
    return this.#session
  }

  async status(): Promise<PlatformStatus> {
    return { account: await this.accounts.activeSummary(), ...this.#status }
  }

  /** The active account changed: forget the old client and tell every window. */
  async reset(): Promise<void> {
    this.#session = null
    this.#status = {
      connection: 'unknown',
      since: this.clock.now(),
      retryAt: null,
      lastError: null,
    }
    this.log.note('active account changed')
    await this.#announce()
  }

  /** A client for any account, outside the connection (for "Test connection"). */
  probeClient(options: Pick<PlatformClientOptions, 'account' | 'secret'>): PlatformClient {
    const { breaker: _breaker, ...tuning } = this.tuning
    return new PlatformClient({
      ...tuning,
      ...options,
      clock: this.clock,
      ledger: this.ledger,
      log: this.log,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxWaitMs: 0 },
    })
  }

  async #open(): Promise<Session> {
    const account = await this.accounts.activeCredentials()
    const { breaker: breakerOptions, ...tuning } = this.tuning
    const breaker = new CircuitBreaker(
      this.clock,
      breakerOptions ?? defaultBreakerOptions,
      (snapshot) => this.#onBreaker(account.id, snapshot),
    )
    const client = new PlatformClient({
      ...tuning,
      account: { id: account.id, baseUrl: account.baseUrl, clientId: account.clientId },
      secret: account.secret,
      clock: this.clock,
      ledger: this.ledger,
      breaker,
      log: this.log,
      onSettled: (error) => this.#onSettled(account.id, error),
    })
    return { accountId: account.id, client, facts: new PolicyFacts(client, this.clock) }
  }

  async #current(accountId: string): Promise<boolean> {
    const session = await this.#session?.catch(() => null)
    return session?.accountId === accountId
  }

  #onBreaker(accountId: string, snapshot: BreakerSnapshot): void {
    void this.#current(accountId).then((current) => {
      if (!current) return
      this.log.note(`breaker ${snapshot.state}`, { account: accountId })
      const connection = snapshot.state === 'closed' ? 'online' : 'offline'
      this.#update({ connection, retryAt: snapshot.retryAt })
    })
  }

  #onSettled(accountId: string, error: BridgeError | null): void {
    void this.#current(accountId).then((current) => {
      if (!current) return
      if (error === null) {
        this.#update({ connection: 'online', retryAt: null, lastError: null })
      } else if (STATUS_ERRORS.has(error.code) && error.cause !== 'breaker_open') {
        this.#update({
          lastError: { code: error.code, message: error.message, cause: error.cause },
        })
      }
    })
  }

  #update(change: Partial<Omit<PlatformStatus, 'account' | 'since'>>): void {
    const before = this.#status
    const next = { ...before, ...change }
    const moved = next.connection !== before.connection
    if (moved) next.since = this.clock.now()
    const sameError =
      next.lastError?.code === before.lastError?.code &&
      next.lastError?.cause === before.lastError?.cause
    this.#status = next
    if (moved || !sameError || next.retryAt !== before.retryAt) void this.#announce()
  }

  async #announce(): Promise<void> {
    this.events.emit('platform:statusChanged', await this.status())
  }
}
