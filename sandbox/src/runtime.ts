import type { SandboxClock } from './clock'
import type { FaultSettings } from './faults'
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
  options: RuntimeOptions
}
