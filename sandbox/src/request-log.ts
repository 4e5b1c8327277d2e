// What the Messaging API was asked and how it answered, kept in memory for the control API
// (`GET /sandbox/requests`): reliability tests read it to check Retry-After was honoured and that
// no request was retried without end. A restart starts an empty log; `/sandbox/sent` is durable.

/** How one request ended. */
export type RequestOutcome =
  /** Handled and answered (any status the handler chose, 2xx or a refusal). */
  | 'answered'
  /** An injected 429 / 5xx answered instead of handling it. */
  | 'fault_error'
  /** The connection was cut before the request was handled (drop or outage). */
  | 'cut'
  /** Handled (a write applied), then the connection was cut: the answer was lost. */
  | 'cut_after_commit'

export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order; survives `clear` so a reader can ask for what came after. */
  seq: number
  /** Real time (ms since the epoch) the request arrived; latency is real time too. */
  received_at: number
  /** Sandbox time at arrival (ISO). */
  sandbox_at: string
  method: string
  path: string
  outcome: RequestOutcome
  /** The status sent, or null when the connection was cut. */
  status: number | null
  /** The `Retry-After` sent with an injected 429 / 5xx, in seconds. */
  retry_after_s: number | null
}

/** Entries kept; the oldest go first. A long soak sends a few thousand requests at most. */
export const REQUEST_LOG_LIMIT = 20_000

export class RequestLog {
  private entries: RequestLogEntry[] = []
  private nextSeq = 1
  private readonly limit: number

  constructor(limit = REQUEST_LOG_LIMIT) {
    this.limit = limit
  }

  /** Records a request as it arrives; `finish` fills in how it ended. */
  begin(method: string, path: string, receivedAt: number, sandboxAt: string): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: this.nextSeq++,
      received_at: receivedAt,
      sandbox_at: sandboxAt,
      method,
      path,
      outcome: 'answered',
      status: null,
      retry_after_s: null,
    }
    this.entries.push(entry)
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
    return entry
  }

  /** The entries with `seq` above `after`, oldest first. */
  list(after = 0): RequestLogEntry[] {
    return this.entries.filter((entry) => entry.seq > after).map((entry) => ({ ...entry }))
  }

  /** Counts per outcome and per status, over the entries still kept. */
  counters(): {
    total: number
    outcomes: Record<RequestOutcome, number>
    statuses: Record<string, number>
  } {
    const outcomes: Record<RequestOutcome, number> = {
      answered: 0,
      fault_error: 0,
      cut: 0,
      cut_after_commit: 0,
    }
    const statuses: Record<string, number> = {}
    for (const entry of this.entries) {
      outcomes[entry.outcome] += 1
      if (entry.status !== null) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1
    }
    return { total: this.entries.length, outcomes, statuses }
  }

  clear(): void {
    this.entries = []
  }
}
