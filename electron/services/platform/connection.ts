import type { ConnectionState, PlatformStatus } from '../../../shared/bridge/account-schemas'
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
  'auth_failed',
  'unconfigured',
  'rate_limited',
  'platform_unavailable',
])

type Status = Omit<PlatformStatus, 'account'>
const connecting = (): Status => ({ state: 'connecting', lastError: null, retryAt: null })

interface Session {
  accountId: string
  client: PlatformClient
  facts: PolicyFacts
}

/**
 * The active account's client, its policy facts and its status. Rebuilt when the active
 * account changes; emits `platform:statusChanged` when the account, the state or the kind of
 * the last failure changes.
 */
export class PlatformConnection {
  readonly ledger = new ExchangeLedger()
  readonly clock: Clock
  #session: Promise<Session> | null = null
  #status: Status = connecting()
  #probing = false

  constructor(
    private readonly accounts: Accounts,
    private readonly events: EventHub,
    private readonly log: PlatformLog,
    private readonly tuning: ConnectionTuning = {},
  ) {
    this.clock = tuning.clock ?? systemClock
  }

  /** The active account's client and facts, built on first use. */
  use(): Promise<Session> {
    this.#session ??= this.#open().catch((error: unknown) => {
      this.#session = null
      throw error
    })
    return this.#session
  }

  /**
   * The status. While nothing has been asked of the platform yet, this also asks it once
   * (the properties feed), so a window that shows the status soon sees online or offline.
   */
  async status(): Promise<PlatformStatus> {
    if (this.#status.state === 'connecting') this.#probeOnce()
    return { ...this.#status, account: await this.accounts.activeSummary() }
  }

  #probeOnce(): void {
    if (this.#probing) return
    this.#probing = true
    void this.use()
      .then(({ client }) => client.properties())
      .catch(() => {})
      .finally(() => (this.#probing = false))
  }

  /** The active account changed: forget the old client and tell every window. */
  async reset(): Promise<void> {
    this.#session = null
    this.#status = connecting()
    this.log.note('active account changed')
    await this.#announce()
  }

  /** A client for any account, outside the connection (for "Test connection"): no retries. */
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
      const state: ConnectionState = snapshot.state === 'closed' ? 'online' : 'offline'
      this.#update({ state, retryAt: snapshot.retryAt })
    })
  }

  #onSettled(accountId: string, error: BridgeError | null): void {
    void this.#current(accountId).then((current) => {
      if (!current) return
      if (error === null) {
        this.#update({ state: 'online', retryAt: null, lastError: null })
      } else if (error.code === 'unconfigured') {
        this.#update({ state: 'unconfigured', lastError: error })
      } else if (
        this.#status.state === 'connecting' &&
        (error.code === 'offline' || error.code === 'timeout')
      ) {
        // Never reached yet, and the last try failed: offline until something succeeds.
        this.#update({ state: 'offline', lastError: error })
      } else if (STATUS_ERRORS.has(error.code)) {
        this.#update({ lastError: error })
      }
    })
  }

  #update(change: Partial<Status>): void {
    const before = this.#status
    const next = { ...before, ...change }
    const sameError =
      next.lastError?.code === before.lastError?.code &&
      next.lastError?.details?.cause === before.lastError?.details?.cause
    this.#status = next
    if (next.state !== before.state || !sameError || next.retryAt !== before.retryAt) {
      void this.#announce()
    }
  }

  async #announce(): Promise<void> {
    this.events.emit('platform:statusChanged', await this.status())
  }
}
