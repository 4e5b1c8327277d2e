import type { Table } from 'dexie'
import { guarded } from './errors'
import type { InnboxDb } from './schema'

/**
 * A read-write transaction whose failure is a StoreError (`quota_exceeded`…). Called inside
 * another transaction over the same tables it joins it, so a caller can commit several
 * repository writes atomically.
 */
export function writeTx<T>(
  db: InnboxDb,
  tables: readonly Table[] | Table,
  scope: () => Promise<T>,
): Promise<T> {
  return guarded(() => db.transaction('rw', Array.isArray(tables) ? tables : [tables], scope))
}
