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

/** The primary keys a write touched, or 'all' when it touched a range (a clear, a modify). */
export type ChangedKeys = ReadonlySet<string> | 'all'

/** Beyond this many keys in one signal, a reader is better off reading everything. */
const MAX_TRACKED_KEYS = 2_000

interface RangeNode {
  from?: unknown
  to?: unknown
  l?: RangeNode | null
  r?: RangeNode | null
}

/**
 * Like `onTablesChanged` for one table, with the primary keys each write touched: Dexie's
 * `storagemutated` event carries them (the same sets its live queries use), as a tree of
 * ranges under `idb://<db>/<table>/`. A range that is not a single key, a key that is not a
 * string, or too many keys come out as 'all'.
 */
export function onRowsChanged(
  db: InnboxDb,
  table: string,
  listener: (keys: ChangedKeys) => void,
): () => void {
  const part = `idb://${db.name}/${table}/`
  const subscriber = (parts: Record<string, unknown>) => {
    if ('all' in parts) return listener('all')
    if (!(part in parts)) return
    listener(keysOf(parts[part] as RangeNode | undefined))
  }
  Dexie.on('storagemutated', subscriber)
  return () => Dexie.on.storagemutated.unsubscribe(subscriber)
}

function keysOf(root: RangeNode | undefined): ChangedKeys {
  const keys = new Set<string>()
  const stack: RangeNode[] = root ? [root] : []
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.l) stack.push(node.l)
    if (node.r) stack.push(node.r)
    // An empty set is a node without a range.
    if (node.from === undefined) continue
    if (typeof node.from !== 'string' || node.from !== node.to) return 'all'
    keys.add(node.from)
    if (keys.size > MAX_TRACKED_KEYS) return 'all'
  }
  return keys
}

/**
 * The rows written since a reader last read: keys gathered from `onRowsChanged` signals until
 * the reader takes them. Starts at 'all' (nothing read yet).
 */
export class PendingRows {
  private pending: Set<string> | 'all' = 'all'

  add(keys: ChangedKeys): void {
    if (keys === 'all') this.pending = 'all'
    else if (this.pending !== 'all') for (const key of keys) this.pending.add(key)
  }

  /** What was written since the last take; the next take starts empty. */
  take(): ChangedKeys {
    const taken = this.pending
    this.pending = new Set()
    return taken
  }

  /** A read failed: read every row next time. */
  all(): void {
    this.pending = 'all'
  }
}
