import type { SandboxClock } from './clock'
import type { FaultSettings } from './faults'
import type { RequestLog } from './request-log'
import type { Store } from './store/store'

export interface RuntimeOptions {
  /** Share of confirmations after which one confirmed message comes again (PLATFORM.md: de-duplicate by id). */
  redeliveryRate: number
  /** How long (sandbox time) a search job stays `pending`. */
  searchReadyMs: number
  /** Conversations per page of the conversation list. */
  pageSize: number
}

/** Everything a request handler may reach: the data, the clock and the settings of this sandbox. */
export interface SandboxRuntime {
  store: Store
  clock: SandboxClock
  faults: FaultSettings
  /** Every Messaging API and auth request and how it ended (`GET /sandbox/requests`). */
  requests: RequestLog
  options: RuntimeOptions
}
