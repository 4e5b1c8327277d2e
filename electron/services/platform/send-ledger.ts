// One send per idempotency key while this host runs. The renderer passes its outbox record's id
// with `messages:send`; a page that reloads while its send is still on the way to the platform
// reconciles, finds nothing yet, and sends again with the same key. That second call must not
// reach the platform: it joins the send still in flight, or gets the answer of the one that
// finished meanwhile. (After a host restart nothing is in flight and reconciliation decides.)

/** How long a finished send's answer is kept for a repeat with the same key. */
export const SEND_LEDGER_TTL_MS = 24 * 60 * 60 * 1000
/** Finished sends kept at most; the oldest go first. */
export const SEND_LEDGER_LIMIT = 5_000

export class SendLedger<T> {
  readonly #inFlight = new Map<string, Promise<T>>()
  readonly #done = new Map<string, { value: T; at: number }>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SEND_LEDGER_TTL_MS,
    private readonly limit = SEND_LEDGER_LIMIT,
  ) {}

  /**
   * Runs `send` unless a send with this key is in flight (its outcome is shared) or succeeded
   * within the TTL (its answer is given again). A failed send is forgotten: it may be tried again.
   */
  run(key: string | undefined, send: () => Promise<T>): Promise<T> {
    if (key === undefined) return send()
    const done = this.#done.get(key)
    if (done && this.now() - done.at <= this.ttlMs) return Promise.resolve(done.value)
    const running = this.#inFlight.get(key)
    if (running) return running
    const promise = send().then(
      (value) => {
        this.#remember(key, value)
        return value
      },
      (error: unknown) => {
        throw error
      },
    )
    this.#inFlight.set(key, promise)
    const forget = () => this.#inFlight.delete(key)
    promise.then(forget, forget)
    return promise
  }

  #remember(key: string, value: T): void {
    this.#done.delete(key)
    this.#done.set(key, { value, at: this.now() })
    for (const [oldest, entry] of this.#done) {
      if (this.#done.size <= this.limit && this.now() - entry.at <= this.ttlMs) break
      this.#done.delete(oldest)
    }
  }
}
