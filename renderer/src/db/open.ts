import type { DexieOptions } from 'dexie'
import { StoreError, toStoreError } from './errors'
import { DEFAULT_DB_NAME, InnboxDb, SCHEMA_VERSION } from './schema'

// Opening the store with failures the UI can explain: `quota_exceeded` (free space or evict),
// `cannot_open` with a cause (a newer Innbox wrote it, another window blocks the upgrade,
// IndexedDB is unavailable). The UI offers a resync for a store that cannot open; it must not
// delete it silently, because the outbox may hold messages not sent yet.

export interface StorageManagerLike {
  persist?: () => Promise<boolean>
  persisted?: () => Promise<boolean>
}

export interface OpenOptions {
  name?: string
  /** For tests: `{ indexedDB, IDBKeyRange }` of fake-indexeddb. */
  dexie?: DexieOptions
  /** `navigator.storage` by default; persistent storage keeps the browser from evicting us. */
  storage?: StorageManagerLike | null
  /** How long another window may block an upgrade before we give up. */
  blockedTimeoutMs?: number
}

export type OpenResult =
  { ok: true; db: InnboxDb; persisted: boolean | null } | { ok: false; error: StoreError }

export async function openInnboxDb(options: OpenOptions = {}): Promise<OpenResult> {
  const db = new InnboxDb(options.name ?? DEFAULT_DB_NAME, options.dexie)
  let blockedTimer: ReturnType<typeof setTimeout> | undefined
  const blocked = new Promise<never>((_, reject) => {
    db.on('blocked', () => {
      blockedTimer = setTimeout(
        () =>
          reject(
            new StoreError('cannot_open', 'another window keeps the store on an older version', {
              openCause: 'blocked',
            }),
          ),
        options.blockedTimeoutMs ?? 5000,
      )
    })
  })
  const factory = (options.dexie?.indexedDB as Partial<IDBFactory> | undefined) ?? defaultFactory()
  const before = await installedVersion(factory, db.name)
  try {
    await Promise.race([db.open(), blocked])
  } catch (error) {
    db.close()
    return { ok: false, error: openFailure(toStoreError(error), before) }
  } finally {
    clearTimeout(blockedTimer)
  }
  // Dexie 4 opens a store of a higher version as it is; a newer Innbox may have changed what
  // its rows mean, so this build must not read or write them.
  const installed = Math.floor(db.backendDB().version / 10)
  if (installed > SCHEMA_VERSION) {
    db.close()
    const message = `the store is at version ${installed}; this Innbox knows up to ${SCHEMA_VERSION}`
    return {
      ok: false,
      error: new StoreError('cannot_open', message, { openCause: 'version_too_new' }),
    }
  }
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  return { ok: true, db, persisted: await requestPersistence(storage) }
}

/**
 * A store that existed below this build's version was being upgraded: a failure other than a
 * full disk, a newer store or a blocking window means the upgrade did not finish (its
 * versionchange transaction aborted, so the store is as it was), not that storage is off.
 */
function openFailure(error: StoreError, before: number | null): StoreError {
  const upgrading = before !== null && before > 0 && Math.floor(before / 10) < SCHEMA_VERSION
  const cause = error.detail.openCause
  if (!upgrading || error.code === 'quota_exceeded') return error
  if (cause === 'version_too_new' || cause === 'blocked') return error
  return new StoreError('cannot_open', error.message, {
    openCause: 'upgrade_interrupted',
    errorName: error.detail.errorName,
  })
}

function defaultFactory(): Partial<IDBFactory> | null {
  return typeof indexedDB !== 'undefined' ? indexedDB : null
}

/** The installed IndexedDB version of the store, 0 when absent, null when unknown. */
async function installedVersion(
  factory: Partial<IDBFactory> | null,
  name: string,
): Promise<number | null> {
  if (!factory || typeof factory.databases !== 'function') return null
  try {
    const found = (await factory.databases()).find((entry) => entry.name === name)
    return found?.version ?? 0
  } catch {
    return null
  }
}

function defaultStorage(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null
}

/** Asks once for persistent storage; null when the browser has no such API. */
async function requestPersistence(storage: StorageManagerLike | null): Promise<boolean | null> {
  if (!storage?.persist) return null
  try {
    if (storage.persisted && (await storage.persisted())) return true
    return await storage.persist()
  } catch {
    return false
  }
}
