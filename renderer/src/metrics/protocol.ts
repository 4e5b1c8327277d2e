import type { StoreErrorCode } from '@/db'
import type { MetricsResult } from './compute'

// The messages between the page and the metrics worker. Structured-clone data only.

export type ToMetrics =
  | { type: 'open'; dbName: string }
  /**
   * Compute at `now`, then and after every change of the store, time running on from there.
   * `sentAt` is the page's clock when it posted: the offset is `now - sentAt`, never measured
   * against the moment the message arrives (a busy worker may take seconds to read it).
   */
  | { type: 'now'; now: number; sentAt: number }

export type FromMetrics =
  | { type: 'result'; result: MetricsResult }
  | { type: 'failed'; code: StoreErrorCode; message: string }
