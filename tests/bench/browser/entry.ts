import {
  DEFAULT_DB_NAME,
  InnboxDb,
  messageRecordFrom,
  reservationRecordFrom,
  writeProperties,
  writeReservations,
  type BootstrapCheckpoint,
  type ConversationUpdate,
  type MessageRecord,
  type ReservationRecord,
} from '@/db'
import { createInboxQueryClient } from '@/search/client'
import { PageGroup, writeBootstrapPage } from '@/sync/bootstrap'
import { noFilters } from '@/search/list-model'
import type { ListResult } from '@/search/read-model'
import {
  generateProperty,
  propertyCount,
  type DatasetOptions,
  type GeneratedConversation,
} from '../dataset'

// The bench's page-side half, bundled by tests/bench/build.ts and loaded into the app's own
// origin (so it writes the very IndexedDB the app then starts on). Nothing here ships: the
// production bundle never imports tests/.

export interface IngestFigures {
  messages: number
  conversations: number
  /** Time spent writing only (generation excluded). */
  writeMs: number
  generateMs: number
  /** Of `writeMs` on the sync path: the reservations (a write per property, as the sync does). */
  reservationsMs?: number
}

/** Conversations per platform page; the bootstrap writes pages in groups (sync/bootstrap.ts). */
const SYNC_PAGE = 50
/** Messages per transaction for the bare bulkPut: large, the storage's best case. */
const BARE_BATCH = 10_000
const BARE_DB = 'innbox-bench-bare'
const READ_AFTER_MS = 3 * 86_400_000

function updateOf(c: GeneratedConversation, now: number): ConversationUpdate {
  // The platform's `message_read` tag lists what was read: everything but the last days' messages.
  const read = c.messages
    .filter((m) => m.sender.metadata.participant_type === 'guest')
    .filter((m) => now - Date.parse(m.timestamp) > READ_AFTER_MS)
    .map((m) => m.message_id)
  return {
    conversationId: c.conversationId,
    propertyId: c.propertyId,
    facts: {
      conversationType: 'reservation',
      reservationId: c.reservation.reservation_id,
      participants: c.participants,
      tags: read.length > 0 ? { message_read: { message_ids: read } } : {},
      hydrated: true,
    },
    messages: c.messages,
  }
}

/**
 * Writes the dataset exactly as a first sync does (sync/bootstrap.ts): properties, a property's
 * reservations (which make no conversation rows in a first sync), then conversation pages,
 * written a group at a time with the checkpoint, as the bootstrap's own `PageGroup` decides.
 */
async function ingestApp(options: DatasetOptions): Promise<IngestFigures> {
  const db = new InnboxDb(DEFAULT_DB_NAME)
  await db.open()
  const figures: IngestFigures = {
    messages: 0,
    conversations: 0,
    writeMs: 0,
    generateMs: 0,
    reservationsMs: 0,
  }
  const count = propertyCount(options.scale)
  const propertyIds = Array.from({ length: count }, (_, i) => String(7_100_000 + i))
  let cp: BootstrapCheckpoint = {
    propertyIds,
    doneProperties: [],
    current: null,
    startedAt: Date.now(),
    finishedAt: null,
  }
  for (let index = 0; index < count; index += 1) {
    let started = performance.now()
    const generated = generateProperty(options, index)
    const updates = generated.conversations.map((c) => updateOf(c, options.now))
    figures.generateMs += performance.now() - started
    started = performance.now()
    await writeProperties(db, [generated.property])
    const reservations = generated.conversations.map((c) => c.reservation)
    const reservationsStarted = performance.now()
    // The bridge's `reservations:list` answers a property's every page at once (the Node side
    // follows them): the sync writes them in one go.
    await writeReservations(db, generated.property.property_id, reservations, {
      createConversations: false,
    })
    figures.reservationsMs! += performance.now() - reservationsStarted
    const group = new PageGroup()
    for (let at = 0; at < updates.length; at += SYNC_PAGE) {
      const last = at + SYNC_PAGE >= updates.length
      const pid = generated.property.property_id
      cp = last
        ? { ...cp, doneProperties: [...cp.doneProperties, pid], current: null }
        : { ...cp, current: { propertyId: pid, pageId: String(at), conversationsDone: at } }
      group.add(updates.slice(at, at + SYNC_PAGE), Date.now())
      if (last || group.full(Date.now())) {
        await writeBootstrapPage(db, group.take(), cp, last ? pid : null)
      }
    }
    figures.writeMs += performance.now() - started
    figures.conversations += updates.length
    figures.messages += updates.reduce((sum, u) => sum + (u.messages?.length ?? 0), 0)
  }
  db.close()
  return figures
}

/** The same messages and reservations, each row written once with bulkPut in large batches. */
async function ingestBare(options: DatasetOptions): Promise<IngestFigures> {
  await InnboxDb.delete(BARE_DB)
  const db = new InnboxDb(BARE_DB)
  await db.open()
  const figures: IngestFigures = { messages: 0, conversations: 0, writeMs: 0, generateMs: 0 }
  let messages: MessageRecord[] = []
  let reservations: ReservationRecord[] = []
  const flush = async () => {
    const started = performance.now()
    await db.transaction('rw', [db.messages, db.reservations], async () => {
      await db.reservations.bulkPut(reservations)
      await db.messages.bulkPut(messages)
    })
    figures.writeMs += performance.now() - started
    messages = []
    reservations = []
  }
  for (let index = 0; index < propertyCount(options.scale); index += 1) {
    const started = performance.now()
    const generated = generateProperty(options, index)
    figures.generateMs += performance.now() - started
    for (const c of generated.conversations) {
      reservations.push(reservationRecordFrom(c.reservation, c.propertyId))
      for (const m of c.messages) messages.push(messageRecordFrom(m, undefined))
      figures.conversations += 1
      figures.messages += c.messages.length
      if (messages.length >= BARE_BATCH) await flush()
    }
  }
  if (messages.length > 0) await flush()
  db.close()
  await InnboxDb.delete(BARE_DB)
  return figures
}

export interface SearchFigures {
  buildMs: number | null
  documents: number
  terms: number
  approximateBytes: number
  /** Heap the read model and its index hold after a garbage collection, when measurable. */
  heapBytes: number | null
  timings: { query: string; kind: string; ms: number; total: number }[]
}

function usedHeap(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory
  return gc && memory ? memory.usedJSHeapSize : null
}

/**
 * Builds the app's own read model and search index (search/read-model.ts) on the stored data,
 * on this page's thread, and times searches through it.
 */
async function searchIndex(
  queries: { query: string; kind: string }[],
  now: number,
): Promise<SearchFigures> {
  const db = new InnboxDb(DEFAULT_DB_NAME)
  await db.open()
  const heapBefore = usedHeap()
  // The build itself is measured: no snapshot restored, none saved.
  const client = createInboxQueryClient(db, { inWorker: false, snapshots: false })
  let resolveNext: ((result: ListResult) => void) | null = null
  client.onResult((result) => resolveNext?.(result))
  const answer = (search: string) =>
    new Promise<ListResult>((resolve) => {
      resolveNext = resolve
      client.setQuery({ propertyId: 'all', filters: noFilters, sort: 'lastActivity', search, now })
    })
  for (;;) {
    const result = await answer('')
    if (result.index.ready) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const stats = await client.stats()
  const heapAfter = usedHeap()
  const timings: SearchFigures['timings'] = []
  for (const { query, kind } of queries) {
    const started = performance.now()
    const result = await answer(query)
    timings.push({ query, kind, ms: performance.now() - started, total: result.total })
  }
  client.dispose()
  db.close()
  return {
    buildMs: stats.buildMs,
    documents: stats.documents,
    terms: stats.terms,
    approximateBytes: stats.approximateBytes,
    heapBytes: heapBefore !== null && heapAfter !== null ? heapAfter - heapBefore : null,
    timings,
  }
}

/** A conversation of the stored dataset with at least `minMessages`, to open in the app. */
function sampleConversations(options: DatasetOptions, count: number, minMessages: number) {
  const { conversations } = generateProperty(options, 0)
  return conversations
    .filter((c) => c.messages.length >= minMessages)
    .slice(0, count)
    .map((c) => ({ conversationId: c.conversationId, guestName: c.guestName }))
}

async function countMessages(): Promise<number> {
  const db = new InnboxDb(DEFAULT_DB_NAME)
  await db.open()
  const count = await db.messages.count()
  db.close()
  return count
}

/**
 * The error a page function throws, as a plain Error naming it: Playwright shows only the
 * message, and a DOMException or a Dexie error from the minified bundle read as "r".
 */
function described<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await run(...args)
    } catch (error) {
      const inner = (error as { inner?: unknown }).inner
      const text = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))
      throw new Error(inner ? `${text(error)} (${text(inner)})` : text(error), { cause: error })
    }
  }
}

const api = {
  ingestApp: described(ingestApp),
  ingestBare: described(ingestBare),
  searchIndex: described(searchIndex),
  sampleConversations,
  countMessages: described(countMessages),
}
export type BenchApi = typeof api
;(globalThis as { innboxBench?: BenchApi }).innboxBench = api
