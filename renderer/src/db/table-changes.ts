import Dexie from 'dexie'
import type { InnboxDb } from './schema'

/**
 * Calls `listener` after a committed write to any of `tables`, from this thread or another
 * (Dexie tells every same-origin context of each write: its documented `storagemutated`
 * event). Only a signal, no query: for a reader that reads a lot, and wants to decide itself
 * how often (a live query re-reads after every write, and a long read in a transaction that
 * overlaps the writer's tables makes the writer wait).
 */
export function onTablesChanged(
  db: InnboxDb,
  tables: readonly string[],
  listener: () => void,
): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`)
  const subscriber = (parts: Record<string, unknown>) => {
    const keys = Object.keys(parts)
    if (keys.some((key) => key === 'all' || prefixes.some((prefix) => key.startsWith(prefix)))) {
      listener()
    }
  }
  Dexie.on('storagemutated', subscriber)
  return () => Dexie.on.storagemutated.unsubscribe(subscriber)
}
