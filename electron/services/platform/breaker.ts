import type { Clock } from './types'

// A circuit breaker per account: after a run of transport failures and 5xx answers it stops
// sending for a cool-down, then lets one probe through. It keeps the desk from hammering a
// platform that is down, and it is what tells the UI "offline".

export type BreakerState = 'closed' | 'open' | 'half_open'

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number
  /** How long it stays open before one probe may pass. */
  cooldownMs: number
  /** Each failed probe doubles the cool-down, up to this. */
  maxCooldownMs: number
}

export const defaultBreakerOptions: BreakerOptions = {
  failureThreshold: 5,
  cooldownMs: 15_000,
  maxCooldownMs: 5 * 60_000,
}

export interface BreakerSnapshot {
  state: BreakerState
  /** While open: when the next probe may pass (epoch ms). */
  retryAt: number | null
}

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number }

export class CircuitBreaker {
  #state: BreakerState = 'closed'
  #failures = 0
  #cooldownMs: number
  #openedAt = 0
  #probing = false

  constructor(
    private readonly clock: Clock,
    private readonly options: BreakerOptions = defaultBreakerOptions,
    private readonly onChange: (snapshot: BreakerSnapshot) => void = () => {},
  ) {
    this.#cooldownMs = options.cooldownMs
  }

  get snapshot(): BreakerSnapshot {
    return {
      state: this.#state,
      retryAt: this.#state === 'closed' ? null : this.#openedAt + this.#cooldownMs,
    }
  }

  /** Whether a request may go now. In half-open, only one probe at a time. */
  admit(): Admission {
    if (this.#state === 'closed') return { admitted: true }
    const now = this.clock.now()
    const retryAt = this.#openedAt + this.#cooldownMs
    if (this.#state === 'open' && now >= retryAt) this.#set('half_open')
    if (this.#state === 'half_open' && !this.#probing) {
      this.#probing = true
      return { admitted: true }
    }
    return { admitted: false, retryAfterMs: Math.max(0, retryAt - now) }
  }

  /** The platform answered (anything but a 5xx). */
  succeeded(): void {
    this.#failures = 0
    this.#probing = false
    this.#cooldownMs = this.options.cooldownMs
    if (this.#state !== 'closed') this.#set('closed')
  }

  /** No answer, or a 5xx. */
  failed(): void {
    this.#failures += 1
    if (this.#state === 'half_open') {
      this.#probing = false
      this.#cooldownMs = Math.min(this.options.maxCooldownMs, this.#cooldownMs * 2)
      this.#open()
    } else if (this.#state === 'closed' && this.#failures >= this.options.failureThreshold) {
      this.#open()
    }
  }

  /** A probe that ended without telling anything (e.g. refused by the policy) frees the slot. */
  released(): void {
    this.#probing = false
  }

  #open(): void {
    this.#openedAt = this.clock.now()
    this.#set('open')
  }

  #set(state: BreakerState): void {
    this.#state = state
    this.onChange(this.snapshot)
  }
}
