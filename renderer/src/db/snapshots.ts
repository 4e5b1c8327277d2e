import Dexie, { type DexieOptions, type Table } from 'dexie'
import type { InnboxDb } from './schema'

// What the workers derive from the whole store (the search index, the reply score's input),
// kept between starts: a start then reads the conversation rows and only the messages of the
// conversations that changed since, instead of every message twice (issue 11: at two million
// messages each full read took minutes, and held the desk's own reads back). In a database of
// its own, beside the offline store: a write to the store wakes every live query, and these are
// tens of megabytes. A snapshot is a cache: one that is missing, of another format, too old or
// unreadable is simply not used, and a save that fails (a full disk) loses nothing.

interface SnapshotRow {
  name: string
  format: number
  savedAt: number
  value: unknown
}

class SnapshotDb extends Dexie {
  snapshots!: Table<SnapshotRow, string>

  constructor(name: string, options?: DexieOptions) {
    super(name, options)
    this.version(1).stores({ snapshots: 'name' })
  }
}

export interface SnapshotSlot<T> {
  /** The value saved last, or null (none, another format, older than allowed, unreadable). */
  load(): Promise<T | null>
  /** False when it could not be saved. */
  save(value: T): Promise<boolean>
  close(): void
}

export interface SnapshotOptions {
  /** Bumped whenever the value's shape or meaning changes: older snapshots are not used. */
  format: number
  /** A snapshot older than this is not used (what a snapshot cannot see is caught up then). */
  maxAgeMs: number
  clock?: () => number
}

/** The database beside the offline store `db` that holds its snapshots. */
export function snapshotDbName(db: InnboxDb): string {
  return `${db.name}-snapshots`
}

/** One named snapshot kept beside the offline store `db`. */
export function snapshotSlot<T>(
  db: InnboxDb,
  name: string,
  { format, maxAgeMs, clock = Date.now }: SnapshotOptions,
): SnapshotSlot<T> {
  const { indexedDB, IDBKeyRange } = db._options
  const store = new SnapshotDb(snapshotDbName(db), { indexedDB, IDBKeyRange })
  return {
    async load() {
      try {
        const row = await store.snapshots.get(name)
        if (!row || row.format !== format) return null
        const age = clock() - row.savedAt
        if (age < 0 || age > maxAgeMs) return null
        return row.value as T
      } catch {
        return null
      }
    },
    async save(value) {
      try {
        await store.snapshots.put({ name, format, savedAt: clock(), value })
        return true
      } catch {
        return false
      }
    },
    close() {
      store.close()
    },
  }
}
