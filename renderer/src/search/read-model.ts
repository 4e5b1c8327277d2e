import type { InnboxDb, ConversationRecord, MessageRecord, PropertyRecord } from '@/db'
import { toStoreError } from '@/db'
import {
  allConversations,
  allProperties,
  cancelledReservations,
  conversationsByIds,
  countMessages,
  messagesAfter,
  messagesOfConversations,
  reservationsCancelled,
} from '@/db/inbox-queries'
import { SnapshotSaver, snapshotPolicy, type SnapshotPolicy } from '@/db/snapshots'
import { onRowsChanged, onTablesChanged, PendingRows } from '@/db/table-changes'
import { propertyToday } from '@shared/stays'
import {
  EntryTable,
  KeptOrder,
  listInOrder,
  type ListEntry,
  type ListQuery,
  type PropertyClock,
} from './list-model'
import {
  TextIndex,
  type IndexStats,
  type IndexedMessage,
  type TextIndexSnapshot,
} from './text-index'

// The inbox's read model: the list's entries and the full-text index, kept in step with the
// store, answering list queries. It runs in a worker in the app (search/client.ts) so the page
// never reads 20,000 rows. It reads the store again after writes (Dexie tells other threads of
// every write), but not after every one: at most once per READ_GAP_MS, or three times the time
// the last read took (up to MAX_READ_GAP_MS). Dexie's signal names the conversations a write
// touched: only those rows are read again (opening a conversation, a reply, a sync page). Every
// row is read again (a page per transaction, so the sync's writes wait for one page at most)
// only at start and after a write over a range. Reservations are read the same way, for which
// are cancelled (the stage filter): only those a write touched, then the entries naming them
// are placed again; properties (time zones, check-out times) are a small table, read whole. At
// 200,000 conversations (issue 11) a sync's reservation write must not mean reading them all.
//
// The index is built once by reading every message in key order, then kept up to date per
// conversation: a conversation whose last message, hydration, name or property changed is read
// again (its new messages added). The index and what it knows of each conversation are saved
// beside the store (db/snapshots.ts) once built, then at most every 30 minutes while it
// changes; a start restores them and reads again only the conversations that changed since, so
// it reads every message only when there is no snapshot (issue 11: at two million messages the
// build took four minutes at every start). A message added to the middle of a conversation
// without changing any of these (a backfill) is found by the next build: a snapshot older than
// a week (SNAPSHOT_MAX_AGE_MS) is not used.

export interface ListResult {
  /** False until the first read of the store has answered. */
  loaded: boolean
  /**
   * True for the first screen read at start from the indexes (search/first-page.ts) before the
   * read model's first answer: `ids` holds only the list's first rows, `total` is the whole list's.
   */
  partial: boolean
  /** Conversation ids in list order (while searching, the best matches only). */
  ids: string[]
  /** How many conversations the list has (while searching, how many matched). */
  total: number
  /** While searching: the matched message of each id (null: the guest's name matched). */
  matches: (string | null)[] | null
  /** The folded search terms, for highlighting. */
  terms: string[]
  index: IndexProgress
  /** Time the read model took to answer, in ms. */
  tookMs: number
}

/**
 * The read model's answer as the worker sends it: the list as ordinals of its entry table, the
 * page learning each ordinal's id once (`InboxReadModel.namesFrom`; search/client.ts).
 */
export type ListAnswer = Omit<ListResult, 'ids'> & { order: Int32Array }

export type ChangeKind = 'list' | 'index'

export interface IndexProgress {
  ready: boolean
  indexedMessages: number
  totalMessages: number
}

export interface ReadModelStats extends IndexStats {
  ready: boolean
  /** The index came from the snapshot an earlier start saved (no build). */
  restored: boolean
  /** Time of the first build, from the start to the last message indexed (or the restore). */
  buildMs: number | null
  lastSearchMs: number | null
  /** Reads of the store since start: of every row, and of only the rows a write touched. */
  reads: { full: number; partial: number }
}

/** Bumped whenever the snapshot's shape or the words of a text (tokenize.ts) change. */
export const SNAPSHOT_FORMAT = 1

/** The read model's snapshot: the index, and each conversation's fingerprint and name. */
export interface ReadModelSnapshot {
  index: TextIndexSnapshot
  conversations: string[]
  fingerprints: string[]
  nameKeys: string[]
}

const SCAN_PAGE = 2_000
const REINDEX_BATCH = 100
const READ_GAP_MS = 250
/** However slow the reads, the list is never more than a few seconds behind the store. */
const MAX_READ_GAP_MS = 2_000

export class InboxReadModel {
  private readonly entries = new EntryTable()
  /**
   * The entries' ordinals by last activity, and those owing a reply by deadline: lists without
   * sorting.
   */
  private readonly byActivity = new KeptOrder((ordinal) => this.entries.idOf(ordinal))
  private readonly byDeadline = new KeptOrder((ordinal) => this.entries.idOf(ordinal))
  private readonly properties = new Map<string, PropertyClock>()
  private readonly fingerprints = new Map<string, string>()
  private readonly nameKeys = new Map<string, string>()
  private index = new TextIndex()
  private readonly queue = new Set<string>()
  private readonly unsubscribes: (() => void)[] = []
  /** Ids of the cancelled reservations. */
  private cancelled = new Set<string>()
  /** Each conversation's reservation, to place again the entries a reservation write touched. */
  private readonly reservationOf = new Map<string, string>()
  /** Conversations written since the last read; 'all' when every row must be read again. */
  private readonly changed = new PendingRows()
  /** The same for reservations. */
  private readonly changedReservations = new PendingRows()
  private propertiesDirty = true
  private readonly reads = { full: 0, partial: 0 }
  private reading = false
  private dirty = false
  private readTimer: ReturnType<typeof setTimeout> | null = null
  private lastReadMs = 0
  private lastReadEnd = Number.NEGATIVE_INFINITY
  private scanned = false
  private scanning = false
  private pumping = false
  private closed = false
  private loaded = false
  private progress: IndexProgress = { ready: false, indexedMessages: 0, totalMessages: 0 }
  private buildStartedAt = 0
  private buildMs: number | null = null
  private lastSearchMs: number | null = null
  private restored = false
  private restoring: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: InnboxDb,
    /** 'list': the list may answer otherwise; 'index': only a search may (the index grew). */
    private readonly onChange: (what: ChangeKind) => void,
    private readonly onFailure: (error: unknown) => void,
    private readonly clock: () => number = () => performance.now(),
    /** How the index is kept between starts; null: it is not (a build is measured). */
    private readonly snapshots: SnapshotPolicy<ReadModelSnapshot> | null = snapshotPolicy(
      db,
      'search',
      SNAPSHOT_FORMAT,
    ),
  ) {
    this.saver = snapshots ? new SnapshotSaver(snapshots, () => this.snapshot(), clock) : null
  }

  private readonly saver: SnapshotSaver<ReadModelSnapshot> | null

  start(): void {
    this.buildStartedAt = this.clock()
    // The snapshot loads while the first read of the store runs; that read waits for it.
    this.restoring = this.restore()
    this.listen()
  }

  /** The index saved by an earlier start, if there is one to use. */
  private async restore(): Promise<void> {
    const saved = await this.snapshots?.slot.load().catch(() => null)
    if (!saved || this.closed) return
    try {
      this.index = TextIndex.restore(saved.index)
    } catch {
      this.index = new TextIndex()
      return
    }
    saved.conversations.forEach((id, i) => {
      this.fingerprints.set(id, saved.fingerprints[i]!)
      this.nameKeys.set(id, saved.nameKeys[i]!)
    })
    this.restored = true
    this.saver?.restored()
    this.scanned = true
    this.buildMs = this.clock() - this.buildStartedAt
    const documents = this.index.stats().documents
    this.progress = { ready: true, indexedMessages: documents, totalMessages: documents }
  }

  private listen(): void {
    this.unsubscribes.push(
      onRowsChanged(this.db, 'conversations', (keys) => {
        this.changed.add(keys)
        this.schedule()
      }),
      onRowsChanged(this.db, 'reservations', (keys) => {
        this.changedReservations.add(keys)
        this.schedule()
      }),
      onTablesChanged(this.db, ['properties'], () => {
        this.propertiesDirty = true
        this.schedule()
      }),
    )
    void this.read()
  }

  stop(): void {
    this.closed = true
    for (const unsubscribe of this.unsubscribes) unsubscribe()
    if (this.readTimer !== null) clearTimeout(this.readTimer)
    this.saver?.stop()
  }

  /** The index changed: it is saved soon after the first build, then at most every 30 minutes. */
  private indexChanged(): void {
    if (this.scanned) this.saver?.changed()
  }

  /** What is saved, or null while conversations wait to be read again (it would say they are indexed). */
  private snapshot(): ReadModelSnapshot | null {
    if (this.pumping || this.queue.size > 0) return null
    const conversations = [...this.fingerprints.keys()]
    return {
      index: this.index.snapshot(),
      conversations,
      fingerprints: conversations.map((id) => this.fingerprints.get(id)!),
      nameKeys: conversations.map((id) => this.nameKeys.get(id) ?? ''),
    }
  }

  /** A write happened: read again soon, once, however many writes come meanwhile. */
  private schedule(): void {
    if (this.closed) return
    if (this.reading) {
      this.dirty = true
      return
    }
    if (this.readTimer !== null) return
    const gap = Math.min(MAX_READ_GAP_MS, Math.max(READ_GAP_MS, 3 * this.lastReadMs))
    const wait = Math.max(0, this.lastReadEnd + gap - this.clock())
    this.readTimer = setTimeout(() => {
      this.readTimer = null
      void this.read()
    }, wait)
  }

  private async read(): Promise<void> {
    this.reading = true
    this.dirty = false
    const started = this.clock()
    const changed = this.changed.take()
    const reservations = this.changedReservations.take()
    const propertiesDirty = this.propertiesDirty
    this.propertiesDirty = false
    try {
      // Side by side: at 20,000 conversations a full read is a few dozen pages (issue 11).
      const reservationIds = reservations === 'all' ? [] : [...reservations]
      const conversationIds = changed === 'all' ? [] : [...changed]
      const [cancelled, touched, properties, conversations] = await Promise.all([
        reservations === 'all' ? cancelledReservations(this.db) : null,
        reservationIds.length > 0 ? reservationsCancelled(this.db, reservationIds) : null,
        propertiesDirty ? allProperties(this.db) : null,
        changed === 'all'
          ? allConversations(this.db)
          : conversationIds.length > 0
            ? conversationsByIds(this.db, conversationIds)
            : null,
      ])
      await this.restoring
      if (this.closed) return
      let moved = false
      if (properties) moved = this.setProperties(properties) || moved
      if (cancelled) moved = this.setCancelled(cancelled) || moved
      if (touched) moved = this.setSomeCancelled(reservationIds, touched) || moved
      if (changed === 'all') {
        this.reads.full += 1
        this.apply(conversations as ConversationRecord[])
      } else if (conversations) {
        this.reads.partial += 1
        this.applyRows(conversationIds, conversations)
      } else if (moved) this.onChange('list')
    } catch (error) {
      this.changed.all()
      this.changedReservations.all()
      this.propertiesDirty = true
      this.fail(error)
    } finally {
      this.reading = false
      this.lastReadEnd = this.clock()
      this.lastReadMs = this.lastReadEnd - started
    }
    if (this.dirty) this.schedule()
  }

  /** The properties' clocks; true when one changed (a filter by stage may answer otherwise). */
  private setProperties(rows: readonly PropertyRecord[]): boolean {
    const next = new Map<string, PropertyClock>(
      rows.map((row) => [
        row.propertyId,
        { timeZone: row.property.time_zone, checkoutTime: row.property.checkout_time ?? null },
      ]),
    )
    const same =
      next.size === this.properties.size &&
      [...next].every(([id, clock]) => {
        const was = this.properties.get(id)
        return was?.timeZone === clock.timeZone && was.checkoutTime === clock.checkoutTime
      })
    if (same) return false
    this.properties.clear()
    for (const [id, clock] of next) this.properties.set(id, clock)
    return true
  }

  /** Every reservation was read: each entry is placed again with what it says. */
  private setCancelled(cancelled: Set<string>): boolean {
    this.cancelled = cancelled
    return this.replace(() => true)
  }

  /** Only these reservations were read (undefined: deleted). */
  private setSomeCancelled(
    ids: readonly string[],
    rows: readonly (boolean | undefined)[],
  ): boolean {
    const flipped = new Set<string>()
    ids.forEach((id, index) => {
      const now = rows[index] === true
      if (now !== this.cancelled.has(id)) {
        flipped.add(id)
        if (now) this.cancelled.add(id)
        else this.cancelled.delete(id)
      }
    })
    return flipped.size > 0 && this.replace((reservationId) => flipped.has(reservationId))
  }

  /** Entries whose reservation `affected` names, with its cancelled state now; true if any moved. */
  private replace(affected: (reservationId: string) => boolean): boolean {
    let moved = false
    for (const [conversationId, reservationId] of this.reservationOf) {
      if (!affected(reservationId)) continue
      const entry = this.entries.get(conversationId)
      const cancelled = this.cancelled.has(reservationId)
      if (!entry || entry.cancelled === cancelled) continue
      this.place({ ...entry, cancelled })
      moved = true
    }
    return moved
  }

  /** The answer to `query`, with conversation ids (the worker sends `answer`'s ordinals). */
  query(query: ListQuery): ListResult {
    const { order, ...answer } = this.answer(query)
    return { ...answer, ids: Array.from(order, (ordinal) => this.entries.idOf(ordinal)) }
  }

  /** The ids of the ordinals from `from` on: those an answer may name that the page has not learnt. */
  namesFrom(from: number): string[] {
    return this.entries.namesFrom(from)
  }

  answer(query: ListQuery): ListAnswer {
    const started = this.clock()
    const scope = query.propertyId === 'all' ? null : query.propertyId
    const todays = new Map<string, string>()
    const today = (entry: ListEntry) => {
      let value = todays.get(entry.propertyId)
      if (value === undefined) {
        const zone = this.properties.get(entry.propertyId)?.timeZone ?? 'UTC'
        value = propertyToday(query.now, zone)
        todays.set(entry.propertyId, value)
      }
      return value
    }
    const keep = this.entries.filter(
      scope,
      query.filters,
      (propertyId) => this.properties.get(propertyId),
      query.now,
    )

    if (query.search.trim() !== '') {
      const outcome = this.index.search(query.search, {
        now: query.now,
        accept: (id) => {
          const ordinal = this.entries.ordinalOf(id)
          return ordinal !== undefined && keep(ordinal)
        },
        ...(scope ? { propertyIds: [scope] } : {}),
      })
      const order = Int32Array.from(outcome.hits, (hit) =>
        this.entries.ordinalOf(hit.conversationId)!,
      )
      const matches = outcome.hits.map((hit) => hit.messageId)
      this.lastSearchMs = this.clock() - started
      return {
        loaded: this.loaded,
        partial: false,
        order,
        total: outcome.total,
        matches,
        terms: outcome.terms,
        index: { ...this.progress },
        tookMs: this.lastSearchMs,
      }
    }
    const orders = { byActivity: this.byActivity.inOrder(), byDeadline: this.byDeadline.inOrder() }
    const order = listInOrder(this.entries, orders, keep, query.sort, query.now, today)
    return {
      loaded: this.loaded,
      partial: false,
      order,
      total: order.length,
      matches: null,
      terms: [],
      index: { ...this.progress },
      tookMs: this.clock() - started,
    }
  }

  stats(): ReadModelStats {
    return {
      ...this.index.stats(),
      ready: this.progress.ready,
      restored: this.restored,
      buildMs: this.buildMs,
      lastSearchMs: this.lastSearchMs,
      reads: { ...this.reads },
    }
  }

  private apply(conversations: readonly ConversationRecord[]): void {
    if (this.closed) return
    this.loaded = true
    const seen = new Set<string>()
    for (const conversation of conversations) {
      seen.add(conversation.conversationId)
      this.put(conversation)
    }
    // The snapshot restored may know conversations no longer stored (purged meanwhile).
    for (const id of [...this.entries.ids(), ...this.fingerprints.keys()])
      if (!seen.has(id)) this.remove(id)
    // Sorted now, while the store is read, not by the first answer of a plain list: when a
    // search comes first (the bench's readiness check), that answer fell on the first opens of
    // conversations (a second of the worker at 200,000 conversations, issue 11).
    this.byActivity.inOrder()
    this.byDeadline.inOrder()
    this.settle()
  }

  /** The rows of the conversations a write touched (undefined: deleted). */
  private applyRows(
    ids: readonly string[],
    rows: readonly (ConversationRecord | undefined)[],
  ): void {
    if (this.closed) return
    ids.forEach((id, index) => {
      const row = rows[index]
      if (row) this.put(row)
      else this.remove(id)
    })
    this.settle()
  }

  private put(conversation: ConversationRecord): void {
    const id = conversation.conversationId
    this.place(entryOf(conversation, this.cancelled))
    if (conversation.reservationId === null) this.reservationOf.delete(id)
    else this.reservationOf.set(id, conversation.reservationId)
    const nameKey = `${conversation.propertyId}\u0000${conversation.guestName ?? ''}`
    if (this.nameKeys.get(id) !== nameKey) {
      this.nameKeys.set(id, nameKey)
      this.index.setConversation(
        id,
        conversation.propertyId,
        conversation.guestName,
        conversation.lastActivityAt,
      )
      this.indexChanged()
    } else {
      this.index.setLastActivity(id, conversation.lastActivityAt)
    }
    const fingerprint = fingerprintOf(conversation)
    const previous = this.fingerprints.get(id)
    if (previous === fingerprint) return
    this.fingerprints.set(id, fingerprint)
    // Before the first build, the build itself reads every message already stored.
    if (this.scanning || this.scanned || previous !== undefined) this.queue.add(id)
  }

  /** The entry, in the table and in the kept orders. */
  private place(entry: ListEntry): void {
    const ordinal = this.entries.set(entry)
    this.byActivity.set(ordinal, entry.lastActivityAt)
    if (entry.needsReply && entry.replyDeadline !== null)
      this.byDeadline.set(ordinal, -entry.replyDeadline)
    else this.byDeadline.delete(ordinal)
  }

  private remove(id: string): void {
    if (!this.entries.has(id) && !this.fingerprints.has(id)) return
    const ordinal = this.entries.ordinalOf(id)
    if (ordinal !== undefined) {
      this.byActivity.delete(ordinal)
      this.byDeadline.delete(ordinal)
    }
    this.entries.delete(id)
    this.reservationOf.delete(id)
    this.fingerprints.delete(id)
    this.nameKeys.delete(id)
    this.queue.delete(id)
    this.index.removeConversation(id)
    this.indexChanged()
  }

  /** After a read: tell the page, and build or bring the index up to date. */
  private settle(): void {
    this.onChange('list')
    if (!this.scanned && !this.scanning) void this.scan()
    else void this.pump()
  }

  /** The first build: every message, in key order, a page at a time. */
  private async scan(): Promise<void> {
    this.scanning = true
    try {
      this.progress = { ...this.progress, totalMessages: await countMessages(this.db) }
      let after: string | null = null
      for (;;) {
        if (this.closed) return
        const page: MessageRecord[] = await messagesAfter(this.db, after, SCAN_PAGE)
        if (page.length === 0) break
        this.index.addMessages(page.map(indexedMessage))
        after = page.at(-1)!.messageId
        this.progress = {
          ...this.progress,
          indexedMessages: this.progress.indexedMessages + page.length,
        }
        this.onChange('index')
      }
      this.index.settle()
      this.scanned = true
      this.buildMs = this.clock() - this.buildStartedAt
      this.progress = {
        ready: true,
        indexedMessages: this.progress.indexedMessages,
        totalMessages: Math.max(this.progress.totalMessages, this.progress.indexedMessages),
      }
      this.onChange('index')
      this.indexChanged()
    } catch (error) {
      this.fail(error)
    } finally {
      this.scanning = false
    }
    await this.pump()
  }

  /** Reads changed conversations again, a batch at a time, until none are waiting. */
  private async pump(): Promise<void> {
    if (!this.scanned || this.pumping) return
    this.pumping = true
    try {
      while (this.queue.size > 0 && !this.closed) {
        const batch = [...this.queue].slice(0, REINDEX_BATCH)
        for (const id of batch) this.queue.delete(id)
        const messages = await messagesOfConversations(this.db, batch)
        for (const [id, list] of messages) {
          if (this.entries.has(id)) this.index.setMessages(id, list.map(indexedMessage))
        }
        this.onChange('index')
        this.indexChanged()
      }
    } catch (error) {
      this.fail(error)
    } finally {
      this.pumping = false
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return
    this.onFailure(toStoreError(error))
  }
}

function indexedMessage(row: MessageRecord): IndexedMessage {
  return {
    messageId: row.messageId,
    conversationId: row.conversationId,
    timestamp: row.timestamp,
    content: row.message.content,
  }
}

function fingerprintOf(row: ConversationRecord): string {
  return `${row.lastMessageId ?? ''}|${row.lastActivityAt}|${row.hydrated}`
}

export function entryOf(row: ConversationRecord, cancelled: ReadonlySet<string>): ListEntry {
  return {
    conversationId: row.conversationId,
    propertyId: row.propertyId,
    requestToBook: row.conversationType === 'request_to_book',
    cancelled: row.reservationId !== null && cancelled.has(row.reservationId),
    checkin: row.checkin,
    checkout: row.checkout,
    lastActivityAt: row.lastActivityAt,
    needsReply: row.needsReply === 1,
    replyDeadline: row.replyDeadline,
    unread: row.unreadCount > 0,
  }
}
