import type { StoreErrorCode } from '@/db'
import type { ListQuery } from './list-model'
import type { ListResult, ReadModelStats } from './read-model'

// The messages between the page and the inbox worker. Structured-clone data only.

export type ToReadModel =
  | { type: 'open'; dbName: string }
  | { type: 'query'; id: number; query: ListQuery }
  | { type: 'stats'; id: number }

export type FromReadModel =
  | { type: 'result'; id: number; result: ListResult }
  | { type: 'stats'; id: number; stats: ReadModelStats }
  | { type: 'failed'; code: StoreErrorCode; message: string }
