import type { ConversationRecord, InnboxDb, MessageRecord, PropertyRecord } from '@/db'
import {
  allProperties,
  conversationsByIds,
  messagesAfter,
  messagesOfConversations,
} from '@/db/inbox-queries'
import {
  conversationKeys,
  conversationsWrittenAfter,
  latestDeletion,
  latestWrite,
} from '@/db/conversation-writes'
import { metricsSnapshot } from '@/db/metrics-queries'
import { SnapshotSaver, snapshotPolicy, type SnapshotPolicy } from '@/db/snapshots'
import { onRowsChanged, onTablesChanged, PendingRows } from '@/db/table-changes'
import { metricsMessageFrom, type MetricsConversation, type MetricsMessage } from '@shared/metrics'
import { computeMetrics, type MetricsInput, type MetricsResult } from './compute'

// The reply score's input, kept in step with the store off the page's thread: every
// conversation's messages in compact form (id, instant, sender), its tags and property. Read once
// in key order at start, then per conversation whose last message, hydration or tag changed.
// Reads follow writes at most every READ_GAP_MS (a first sync writes a page every few hundred ms),
// and read only the conversations a write touched (Dexie's signal names them); every row again
// only after a write over a range. A change of the properties reads the properties (a small
// table), not the conversations: at 200,000 conversations (issue 11) a sync must not mean that.
// The entries are saved beside the store (db/snapshots.ts) as the search index is
// (search/read-model.ts): a start restores them and reads the messages of the conversations
// changed since, instead of every message. Which ones changed it learns from the rows' write
// numbers (db/conversation-writes.ts): the rows written after the snapshot's number (and the ids
// of all when rows were deleted since), instead of every row (issue 11: at 200,000
// conversations that read took a second of the worker, beside the desk's first opens).

/** Bumped whenever the snapshot's shape or what a conversation's entry holds changes. */
export const SNAPSHOT_FORMAT = 3
const GUEST = 1
const NEEDS_REPLY = 2

/**
 * The model's entries kept between starts (db/snapshots.ts), in columns: conversation i's
 * messages are those from starts[i] to starts[i + 1], and so on.
 */
export interface MetricsModelSnapshot {
  /** Every conversation row written up to this write number is in the entries as written. */
  written: number
  conversations: string[]
  propertyIds: string[]
  guestNames: (string | null)[]
  fingerprints: string[]
  noReplyNeeded: Uint8Array
  /** NaN: not known. */
  noReplyNeededAt: Float64Array
  starts: Int32Array
  /**
   * The messages' ids end to end, IDS_PER_CHUNK to a string, and each one's length: two million
   * ids as strings of their own took ~0.9 s of the worker to load at 10× (issue 11), a few
   * strings load at once.
   */
  messageIdChunks: string[]
  messageIdLengths: Uint32Array
  messageAt: Float64Array
  /** GUEST and NEEDS_REPLY bits. */
  messageFlags: Uint8Array
}

const SCAN_PAGE = 2_000
const REREAD_BATCH = 100
const READ_GAP_MS = 400

interface Entry {
  propertyId: string
  guestName: string | null
  fingerprint: string
  metrics: MetricsConversation
}

function fingerprintOf(row: ConversationRecord): string {
  const tag = row.tags.no_reply_needed
  return [row.lastMessageId, row.lastActivityAt, row.hydrated, tag?.set, tag?.set_at].join('|')
}

function tagOf(
  row: ConversationRecord,
): Pick<MetricsConversation, 'noReplyNeeded' | 'noReplyNeededAt'> {
  const tag = row.tags.no_reply_needed
  return {
    noReplyNeeded: tag?.set ?? false,
    noReplyNeededAt: tag?.set && tag.set_at ? Date.parse(tag.set_at) : null,
  }
}

function compact(messages: readonly MessageRecord[]): MetricsMessage[] {
  return messages.map((record) => metricsMessageFrom(record.message))
}

/** Ids per string of a packed list: far from the longest string a JS engine makes. */
const IDS_PER_CHUNK = 100_000

/** Ids end to end, `perChunk` to a string, and each one's length (see `unpackIds`). */
export function packIds(
  ids: readonly string[],
  perChunk = IDS_PER_CHUNK,
): { chunks: string[]; lengths: Uint32Array } {
  const chunks: string[] = []
  for (let from = 0; from < ids.length; from += perChunk) {
    chunks.push(ids.slice(from, from + perChunk).join(''))
  }
  return { chunks, lengths: Uint32Array.from(ids, (id) => id.length) }
}

/** The ids `packIds` packed; throws when the chunks do not hold them (a damaged snapshot). */
export function unpackIds(
  chunks: readonly string[],
  lengths: Uint32Array,
  perChunk = IDS_PER_CHUNK,
): string[] {
  const ids = new Array<string>(lengths.length)
  for (let c = 0; c * perChunk < lengths.length; c++) {
    const chunk = chunks[c]
    if (chunk === undefined) throw new Error('a snapshot chunk of message ids is missing')
    let offset = 0
    const last = Math.min(lengths.length, (c + 1) * perChunk)
    for (let m = c * perChunk; m < last; m++) {
      const end = offset + lengths[m]!
      ids[m] = chunk.slice(offset, end)
      offset = end
    }
    if (offset !== chunk.length) throw new Error('a snapshot chunk of message ids is damaged')
  }
  return ids
}

export class MetricsModel {
  private readonly entries = new Map<string, Entry>()
  private properties = new Map<string, { name: string; timeZone: string }>()
  private readonly unsubscribes: (() => void)[] = []
  /** Conversations written since the last read; 'all' when every row must be read again. */
  private readonly changed = new PendingRows()
  private propertiesDirty = false
  private scanned = false
  /**
   * Every row written up to this write number is in the entries as written: the number read
   * before the last read of every row (or of those written since), which saw them all.
   */
  private written = 0
  private reading = false
  private dirty = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  /** Grows with every change of the input. */
  version = 0
  loaded = false

  /** The entries came from the snapshot an earlier start saved. */
  restored = false
  private restoring: Promise<void> = Promise.resolve()
  private readonly saver: SnapshotSaver<MetricsModelSnapshot> | null

  constructor(
    private readonly db: InnboxDb,
    private readonly onChange: () => void,
    private readonly onFailure: (error: unknown) => void,
    /** How the entries are kept between starts; null: they are not. */
    private readonly snapshots: SnapshotPolicy<MetricsModelSnapshot> | null = snapshotPolicy(
      db,
      'metrics',
      SNAPSHOT_FORMAT,
    ),
  ) {
    this.saver = snapshots ? new SnapshotSaver(snapshots, () => this.snapshot()) : null
  }

  start(): void {
    // The snapshot loads while the first read of the store runs; that read waits for it.
    this.restoring = this.restore()
    this.unsubscribes.push(
      onRowsChanged(this.db, 'conversations', (keys) => {
        this.changed.add(keys)
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
    if (this.timer !== null) clearTimeout(this.timer)
    this.saver?.stop()
  }

  /** The entries saved by an earlier start, if there are any to use. */
  private async restore(): Promise<void> {
    const saved = await this.snapshots?.slot.load().catch(() => null)
    if (!saved || this.closed) return
    try {
      const { conversations, starts, messageAt, messageFlags } = saved
      const messageIds = unpackIds(saved.messageIdChunks, saved.messageIdLengths)
      conversations.forEach((conversationId, i) => {
        const messages: MetricsMessage[] = []
        for (let m = starts[i]!; m < starts[i + 1]!; m++) {
          const flags = messageFlags[m]!
          messages.push({
            messageId: messageIds[m]!,
            at: messageAt[m]!,
            sender: flags & GUEST ? 'guest' : 'property',
            needsReply: (flags & NEEDS_REPLY) !== 0,
          })
        }
        const at = saved.noReplyNeededAt[i]!
        this.entries.set(conversationId, {
          propertyId: saved.propertyIds[i]!,
          guestName: saved.guestNames[i] ?? null,
          fingerprint: saved.fingerprints[i]!,
          metrics: {
            conversationId,
            messages,
            noReplyNeeded: saved.noReplyNeeded[i] === 1,
            noReplyNeededAt: Number.isNaN(at) ? null : at,
          },
        })
      })
    } catch {
      this.entries.clear()
      return
    }
    this.written = saved.written
    this.scanned = true
    this.restored = true
    this.saver?.restored()
  }

  /** What is saved, in columns (typed arrays clone and store as memory, not as objects). */
  private snapshot(): MetricsModelSnapshot | null {
    if (this.reading) return null
    const entries = [...this.entries]
    const total = entries.reduce((sum, [, entry]) => sum + entry.metrics.messages.length, 0)
    const starts = new Int32Array(entries.length + 1)
    const messageIds: string[] = new Array<string>(total)
    const messageAt = new Float64Array(total)
    const messageFlags = new Uint8Array(total)
    let m = 0
    entries.forEach(([, entry], i) => {
      starts[i] = m
      for (const message of entry.metrics.messages) {
        messageIds[m] = message.messageId
        messageAt[m] = message.at
        messageFlags[m] =
          (message.sender === 'guest' ? GUEST : 0) |
          (message.needsReply !== false ? NEEDS_REPLY : 0)
        m++
      }
    })
    starts[entries.length] = m
    const { chunks: messageIdChunks, lengths: messageIdLengths } = packIds(messageIds)
    return {
      written: this.written,
      conversations: entries.map(([id]) => id),
      propertyIds: entries.map(([, entry]) => entry.propertyId),
      guestNames: entries.map(([, entry]) => entry.guestName),
      fingerprints: entries.map(([, entry]) => entry.fingerprint),
      noReplyNeeded: Uint8Array.from(entries, ([, entry]) => (entry.metrics.noReplyNeeded ? 1 : 0)),
      noReplyNeededAt: Float64Array.from(
        entries,
        ([, entry]) => entry.metrics.noReplyNeededAt ?? Number.NaN,
      ),
      starts,
      messageIdChunks,
      messageIdLengths,
      messageAt,
      messageFlags,
    }
  }

  private schedule(): void {
    if (this.closed) return
    if (this.reading) {
      this.dirty = true
      return
    }
    this.timer ??= setTimeout(() => {
      this.timer = null
      void this.read()
    }, READ_GAP_MS)
  }

  private async read(): Promise<void> {
    this.reading = true
    this.dirty = false
    try {
      await this.restoring
      const changed = await this.apply()
      if (changed) {
        this.saver?.changed()
        this.version += 1
        this.loaded = true
        this.onChange()
      } else if (!this.loaded) {
        this.loaded = true
        this.onChange()
      }
    } catch (error) {
      this.onFailure(error)
    } finally {
      this.reading = false
    }
    if (this.dirty) this.schedule()
  }

  /** Reads what changed; true when the input did. */
  private async apply(): Promise<boolean> {
    const changed = this.changed.take()
    const propertiesDirty = this.propertiesDirty
    this.propertiesDirty = false
    try {
      // The first read after a restore, or after a write over a range (Dexie cannot name its
      // keys): the rows written since the number the entries are up to.
      if (this.scanned && changed === 'all') return await this.applySince(this.written)
      if (!this.scanned) return await this.applyAll()
      const moved = propertiesDirty ? this.setProperties(await allProperties(this.db)) : false
      return (await this.applySome([...changed])) || moved
    } catch (error) {
      this.changed.all()
      throw error
    }
  }

  /** True when a property's name or zone changed. */
  private setProperties(rows: readonly PropertyRecord[]): boolean {
    const properties = new Map(
      rows.map((row) => [row.propertyId, { name: row.name, timeZone: row.property.time_zone }]),
    )
    const changed = JSON.stringify([...properties]) !== JSON.stringify([...this.properties])
    this.properties = properties
    return changed
  }

  /** Only the conversations a write touched. */
  private async applySome(ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return false
    const rows = await conversationsByIds(this.db, ids)
    let changed = false
    const stale: ConversationRecord[] = []
    ids.forEach((id, index) => {
      const row = rows[index]
      if (!row) changed = this.entries.delete(id) || changed
      else changed = this.compare(row, stale) || changed
    })
    await this.reread(stale)
    return changed || stale.length > 0
  }

  /** The first read: every conversation, property and message. */
  private async applyAll(): Promise<boolean> {
    // Taken before the rows are read: every write up to it is seen by the read.
    const written = await latestWrite(this.db)
    const snapshot = await metricsSnapshot(this.db)
    this.setProperties(snapshot.properties)
    this.entries.clear()
    await this.scanAll(snapshot.conversations)
    this.scanned = true
    this.written = written
    return true
  }

  /**
   * The entries caught up with the store from write number `after`: the rows written since, the
   * properties, and, when rows were deleted since, the ids of all (those gone are removed; any
   * id not known, a row from before schema version 6 without a number, is read).
   */
  private async applySince(after: number): Promise<boolean> {
    const [written, deleted] = await Promise.all([latestWrite(this.db), latestDeletion(this.db)])
    const [rows, ids, properties] = await Promise.all([
      conversationsWrittenAfter(this.db, after),
      deleted > after ? conversationKeys(this.db) : null,
      allProperties(this.db),
    ])
    let changed = this.setProperties(properties)
    let more: (ConversationRecord | undefined)[] = []
    if (ids) {
      const present = new Set(ids)
      for (const id of [...this.entries.keys()]) {
        if (!present.has(id)) changed = this.entries.delete(id) || changed
      }
      const read = new Set(rows.map((row) => row.conversationId))
      const unknown = ids.filter((id) => !this.entries.has(id) && !read.has(id))
      if (unknown.length > 0) more = await conversationsByIds(this.db, unknown)
    }
    const stale: ConversationRecord[] = []
    for (const row of [...rows, ...more]) {
      if (row) changed = this.compare(row, stale) || changed
    }
    await this.reread(stale)
    this.written = written
    return changed || stale.length > 0
  }

  /**
   * Adds `row` to `stale` when its messages must be read again; takes its name and property
   * otherwise. True when the entry changed without a read.
   */
  private compare(row: ConversationRecord, stale: ConversationRecord[]): boolean {
    const entry = this.entries.get(row.conversationId)
    if (!entry || entry.fingerprint !== fingerprintOf(row)) {
      stale.push(row)
      return false
    }
    if (entry.guestName === row.guestName && entry.propertyId === row.propertyId) return false
    entry.guestName = row.guestName
    entry.propertyId = row.propertyId
    return true
  }

  /** The messages of conversations whose fingerprint changed, a batch at a time. */
  private async reread(stale: readonly ConversationRecord[]): Promise<void> {
    for (let start = 0; start < stale.length; start += REREAD_BATCH) {
      const batch = stale.slice(start, start + REREAD_BATCH)
      const messages = await messagesOfConversations(
        this.db,
        batch.map((row) => row.conversationId),
      )
      for (const row of batch) this.put(row, compact(messages.get(row.conversationId) ?? []))
    }
  }

  /** The first read: every message in key order, a page at a time. */
  private async scanAll(rows: readonly ConversationRecord[]): Promise<void> {
    const grouped = new Map<string, MetricsMessage[]>()
    let after: string | null = null
    for (;;) {
      const page = await messagesAfter(this.db, after, SCAN_PAGE)
      for (const record of page) {
        const list = grouped.get(record.conversationId)
        const item = metricsMessageFrom(record.message)
        if (list) list.push(item)
        else grouped.set(record.conversationId, [item])
      }
      if (page.length < SCAN_PAGE) break
      after = page[page.length - 1]?.messageId ?? null
    }
    for (const row of rows) this.put(row, grouped.get(row.conversationId) ?? [])
  }

  private put(row: ConversationRecord, messages: MetricsMessage[]): void {
    this.entries.set(row.conversationId, {
      propertyId: row.propertyId,
      guestName: row.guestName,
      fingerprint: fingerprintOf(row),
      metrics: { conversationId: row.conversationId, messages, ...tagOf(row) },
    })
  }

  input(): MetricsInput {
    return {
      properties: [...this.properties].map(([propertyId, property]) => ({
        propertyId,
        ...property,
      })),
      conversations: [...this.entries.values()],
    }
  }

  compute(now: number, cache: Map<string, unknown>): MetricsResult {
    return computeMetrics(this.input(), now, { loaded: this.loaded, cache })
  }
}
