import type { DexieOptions } from 'dexie'
import { upgradeTemplateRow } from './migrations/0003-templates-and-schedules'
import { openInnboxDb } from './open'
import type {
  DraftRecord,
  OutboxRecord,
  PropertyFactsRecord,
  ScheduledSendRecord,
  ScheduleRuleRecord,
  SettingRecord,
  TemplateRecord,
} from './records'
import { DEFAULT_DB_NAME } from './schema'

// "Resync": start the offline store again from the platform when it cannot be opened (made by
// a newer Innbox, damaged) or cannot be read. Everything the platform holds comes back with
// the next sync; what only this desk holds is carried over: the outbox (unsent messages and
// tags — never lost, ARCHITECTURE.md "Push"), drafts, templates, schedule rules, property facts,
// the record of scheduled sends (without it a rule could send again) and settings.
//
// The old store is read with plain IndexedDB (no schema: it may be of another version). The
// records are first written to a separate backup database, then the store is deleted, made
// again and refilled, and only then is the backup dropped. A crash at any step leaves either
// the old store or the backup, and the next resync starts by taking the backup back.

export const RESYNC_BACKUP_DB = 'innbox-resync-backup'

export type ResyncOutcome =
  | { ok: true; keptOutbox: number; keptDrafts: number }
  | {
      ok: false
      /** `unrecognised_outbox`: an unsent record this Innbox cannot read; update Innbox instead. */
      reason: 'unrecognised_outbox' | 'unavailable' | 'failed'
      message: string
    }

export interface ResyncOptions {
  name?: string
  /** For tests: fake-indexeddb's `{ indexedDB, IDBKeyRange }`. */
  dexie?: DexieOptions
}

interface Carried {
  outbox: OutboxRecord[]
  drafts: DraftRecord[]
  templates: TemplateRecord[]
  scheduleRules: ScheduleRuleRecord[]
  propertyFacts: PropertyFactsRecord[]
  scheduledSends: ScheduledSendRecord[]
  settings: SettingRecord[]
}

const CARRIED_TABLES = [
  'outbox',
  'drafts',
  'templates',
  'scheduleRules',
  'propertyFacts',
  'scheduledSends',
  'settings',
] as const

const emptyCarried = (): Carried => ({
  outbox: [],
  drafts: [],
  templates: [],
  scheduleRules: [],
  propertyFacts: [],
  scheduledSends: [],
  settings: [],
})
const OUTBOX_STATES = new Set(['queued', 'sending', 'unknown', 'sent', 'failed'])
const ACTION_KINDS = new Set(['send', 'setNoReplyNeeded', 'clearNoReplyNeeded', 'markRead'])

export async function resyncStore(options: ResyncOptions = {}): Promise<ResyncOutcome> {
  const name = options.name ?? DEFAULT_DB_NAME
  const factory = (options.dexie?.indexedDB as IDBFactory | undefined) ?? globalThis.indexedDB
  if (!factory) return { ok: false, reason: 'unavailable', message: 'IndexedDB is unavailable' }
  try {
    const previous = await readBackup(factory)
    const current = await readCarried(factory, name)
    const carried = merge(previous, current)
    const unreadable = carried.outbox.filter((r) => !isOutboxRecord(r) && isUnsent(r))
    if (unreadable.length > 0) {
      return {
        ok: false,
        reason: 'unrecognised_outbox',
        message: `${unreadable.length} unsent outbox records have a shape this Innbox cannot read`,
      }
    }
    carried.outbox = carried.outbox.filter(isOutboxRecord)
    await writeBackup(factory, carried)
    await deleteDatabase(factory, name)
    const opened = await openInnboxDb({ name, dexie: options.dexie, storage: null })
    if (!opened.ok) return { ok: false, reason: 'failed', message: opened.error.message }
    const { db } = opened
    const tables = CARRIED_TABLES.map((table) => db.table(table))
    await db.transaction('rw', tables, async () => {
      await db.outbox.bulkPut(carried.outbox)
      await db.drafts.bulkPut(carried.drafts)
      // A store older than version 3 holds templates in their first shape.
      await db.templates.bulkPut(carried.templates.map(upgradeTemplateRow) as TemplateRecord[])
      await db.scheduleRules.bulkPut(carried.scheduleRules)
      await db.propertyFacts.bulkPut(carried.propertyFacts)
      await db.scheduledSends.bulkPut(carried.scheduledSends)
      await db.settings.bulkPut(carried.settings)
    })
    db.close()
    await deleteDatabase(factory, RESYNC_BACKUP_DB)
    return { ok: true, keptOutbox: carried.outbox.length, keptDrafts: carried.drafts.length }
  } catch (error) {
    return {
      ok: false,
      reason: 'failed',
      message: error instanceof Error ? error.message : String(error),
    }
  }
}

function isUnsent(record: unknown): boolean {
  return (record as { state?: unknown } | null)?.state !== 'sent'
}

/** The fields the drain relies on; a newer Innbox may have written something else. */
export function isOutboxRecord(value: unknown): value is OutboxRecord {
  const record = value as Partial<OutboxRecord> | null
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.seq === 'number' &&
    typeof record.conversationId === 'string' &&
    typeof record.propertyId === 'string' &&
    typeof record.state === 'string' &&
    OUTBOX_STATES.has(record.state) &&
    typeof record.action === 'object' &&
    record.action !== null &&
    ACTION_KINDS.has(record.action.kind)
  )
}

function merge(backup: Carried | null, current: Carried): Carried {
  if (!backup) return current
  const union = <T>(a: T[], b: T[], key: (row: T) => string) => [
    ...new Map([...a, ...b].map((row) => [key(row), row])).values(),
  ]
  return {
    // The store's own copy wins: it may have moved on since the backup was written.
    outbox: union(backup.outbox, current.outbox, (r) => String((r as { id?: unknown }).id)),
    drafts: union(backup.drafts, current.drafts, (r) => r.conversationId),
    templates: union(backup.templates, current.templates, (r) => r.templateId),
    scheduleRules: union(backup.scheduleRules ?? [], current.scheduleRules, (r) => r.ruleId),
    propertyFacts: union(backup.propertyFacts ?? [], current.propertyFacts, (r) => r.propertyId),
    scheduledSends: union(backup.scheduledSends ?? [], current.scheduledSends, (r) => r.key),
    settings: union(backup.settings, current.settings, (r) => r.key),
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function openRaw(
  factory: IDBFactory,
  name: string,
  upgrade?: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = upgrade ? factory.open(name, 1) : factory.open(name)
    req.onupgradeneeded = () => {
      if (upgrade) upgrade(req.result)
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function readCarried(factory: IDBFactory, name: string): Promise<Carried> {
  const carried = emptyCarried()
  const db = await openRaw(factory, name)
  try {
    const present = CARRIED_TABLES.filter((table) => db.objectStoreNames.contains(table))
    if (present.length === 0) return carried
    const tx = db.transaction(present, 'readonly')
    for (const table of present) {
      ;(carried[table] as unknown[]) = await request(tx.objectStore(table).getAll())
    }
    return carried
  } finally {
    db.close()
  }
}

async function readBackup(factory: IDBFactory): Promise<Carried | null> {
  const databases = await factory.databases?.()
  if (databases && !databases.some((d) => d.name === RESYNC_BACKUP_DB)) return null
  const db = await openRaw(factory, RESYNC_BACKUP_DB, createBackupStore)
  try {
    if (!db.objectStoreNames.contains('carried')) return null
    const stored = await request(db.transaction('carried').objectStore('carried').get('carried'))
    return (stored as Carried | undefined) ?? null
  } finally {
    db.close()
  }
}

function createBackupStore(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains('carried')) db.createObjectStore('carried')
}

async function writeBackup(factory: IDBFactory, carried: Carried): Promise<void> {
  const db = await openRaw(factory, RESYNC_BACKUP_DB, createBackupStore)
  try {
    // Strict durability: the backup must be on disk before the store is deleted.
    const tx = db.transaction('carried', 'readwrite', { durability: 'strict' })
    tx.objectStore('carried').put(carried, 'carried')
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
  } finally {
    db.close()
  }
}

/** Resolves once deleted. Other connections are asked to close (Dexie closes on versionchange). */
function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => reject(req.error)
  })
}
