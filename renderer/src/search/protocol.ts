import type { StoreErrorCode } from '@/db'
import type { ListQuery } from './list-model'
import type { ListAnswer, ReadModelStats } from './read-model'

// The messages between the page and the inbox worker. Structured-clone data only; an answer's
// `order` is transferred, not copied.

export type ToReadModel =
  | { type: 'open'; dbName: string }
  | { type: 'query'; id: number; query: ListQuery }
  | { type: 'stats'; id: number }

export type FromReadModel =
  | {
      type: 'result'
      id: number
      result: ListAnswer
      /** The ids of the ordinals from `from` on, those this answer is the first to name. */
      names: { from: number; ids: string[] } | null
    }
  | { type: 'stats'; id: number; stats: ReadModelStats }
  | { type: 'failed'; code: StoreErrorCode; message: string }
