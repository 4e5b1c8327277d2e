import type { StoreErrorCode } from '@/db'
import type { MetricsResult } from './compute'

// The messages between the page and the metrics worker. Structured-clone data only.

export type ToMetrics =
  | { type: 'open'; dbName: string }
  /** Compute at this instant (the page's clock), now and after every change of the store. */
  | { type: 'now'; now: number }

export type FromMetrics =
  | { type: 'result'; result: MetricsResult }
  | { type: 'failed'; code: StoreErrorCode; message: string }
