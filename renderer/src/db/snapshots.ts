import Dexie, { type DexieOptions, type Table } from 'dexie'
import type { InnboxDb } from './schema'
import { STORE_ID_KEY } from './store-identity'

// What the workers derive from the whole store (the search index, the reply score's input),
// kept between starts: a start then reads the conversation rows and only the messages of the
// conversations that changed since, instead of every message twice (issue 11: at two million
// messages each full read took minutes, and held the desk's own reads back). In a database of
// its own, beside the offline store: a write to the store wakes every live query, and these are
// tens of megabytes. A snapshot is a cache: one that is missing, of another format, too old or
// unreadable is simply not used, and a save that fails (a full disk) loses nothing. A snapshot
// belongs to one store: one saved before the store was deleted is not used by the store made anew.

interface SnapshotRow {
  name: string
  format: number
  savedAt: number
  /** The store's identity (db/store-identity.ts): a store deleted and made anew has another. */
  storeId: string
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
  const storeId = async () => {
    const row = await db.settings.get(STORE_ID_KEY)
    return typeof row?.value === 'string' ? row.value : null
  }
  return {
    async load() {
      try {
        const [row, current] = await Promise.all([store.snapshots.get(name), storeId()])
        if (!row || row.format !== format || current === null || row.storeId !== current)
          return null
        const age = clock() - row.savedAt
        if (age < 0 || age > maxAgeMs) return null
        return row.value as T
      } catch {
        return null
      }
    },
    async save(value) {
      try {
        const current = await storeId()
        if (current === null) return false
        await store.snapshots.put({ name, format, savedAt: clock(), storeId: current, value })
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

/** A snapshot older than this is not used: a build a week also catches what none can see. */
export const SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
/** After a build, the first save waits this long (after a restore, `SAVE_EVERY_MS`). */
const FIRST_SAVE_MS = 10_000
/** Later saves, while what is kept changes. */
const SAVE_EVERY_MS = 30 * 60 * 1000

/** The app's policy for the snapshot `name` of `format`, kept beside the offline store `db`. */
export function snapshotPolicy<T>(db: InnboxDb, name: string, format: number): SnapshotPolicy<T> {
  return {
    slot: snapshotSlot<T>(db, name, { format, maxAgeMs: SNAPSHOT_MAX_AGE_MS }),
    firstMs: FIRST_SAVE_MS,
    everyMs: SAVE_EVERY_MS,
  }
}

export interface SnapshotPolicy<T> {
  slot: SnapshotSlot<T>
  /** The first save waits this long after the first change (a build just ended). */
  firstMs: number
  /** Later saves come at most this often, while what is kept changes. */
  everyMs: number
}

/**
 * When to save a snapshot: `changed()` after every change; the first save after a build comes
 * `firstMs` later, the next ones at most every `everyMs`. A start that `restored()` a snapshot
 * counts it as just saved: what it caught up is saved `everyMs` later, not seconds after the
 * start (a whole snapshot, hundreds of megabytes at hotel-group scale, written while the desk
 * opens its first conversations); the next start reads again only what changed meanwhile.
 * `take` gives the value, or null when it cannot be saved now (reads still pending): it is asked
 * again later.
 */
export class SnapshotSaver<T> {
  private unsaved = false
  private saving = false
  private stopped = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSaved = Number.NEGATIVE_INFINITY

  constructor(
    private readonly policy: SnapshotPolicy<T>,
    private readonly take: () => T | null,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The value was restored from the snapshot: saving it again can wait `everyMs`. */
  restored(): void {
    this.lastSaved = this.clock()
  }

  changed(): void {
    this.unsaved = true
    if (this.timer !== null || this.stopped) return
    const wait = Math.max(this.policy.firstMs, this.lastSaved + this.policy.everyMs - this.clock())
    this.timer = setTimeout(() => {
      this.timer = null
      void this.save()
    }, wait)
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.policy.slot.close()
  }

  private async save(): Promise<void> {
    if (this.saving || this.stopped) return
    const value = this.take()
    if (value === null) {
      this.changed()
      return
    }
    this.saving = true
    this.unsaved = false
    try {
      await this.policy.slot.save(value)
      this.lastSaved = this.clock()
    } finally {
      this.saving = false
    }
    if (this.unsaved) this.changed()
  }
}
