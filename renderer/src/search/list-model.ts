import { stayStage, type StayStage } from '@shared/stays'
import { numberOf } from './numbering'

// The conversation list as the inbox asks for it: which conversations, in which order.
// Pure functions over compact entries (no message text, no participants), so ordering and
// filtering 20,000 conversations takes milliseconds and never touches the store.

export type InboxSort = 'replyDeadline' | 'lastActivity' | 'arrival'
export const inboxSorts: readonly InboxSort[] = ['replyDeadline', 'lastActivity', 'arrival']

export type StageFilter = StayStage | 'all'

export interface InboxFilters {
  needsReply: boolean
  unread: boolean
  stage: StageFilter
  /** `YYYY-MM-DD`, inclusive; null leaves that side open. */
  arrivalFrom: string | null
  arrivalTo: string | null
}

export const noFilters: InboxFilters = {
  needsReply: false,
  unread: false,
  stage: 'all',
  arrivalFrom: null,
  arrivalTo: null,
}

export interface ListQuery {
  /** `'all'` or one property's id. */
  propertyId: string
  filters: InboxFilters
  sort: InboxSort
  search: string
  now: number
}

/** What the list needs of a conversation to place it (conversations.ts derives these). */
export interface ListEntry {
  conversationId: string
  propertyId: string
  requestToBook: boolean
  cancelled: boolean
  checkin: string | null
  checkout: string | null
  lastActivityAt: number
  needsReply: boolean
  replyDeadline: number | null
  unread: boolean
}

export interface PropertyClock {
  timeZone: string
  checkoutTime: string | null
}

export type StayFactsOfEntry = Pick<
  ListEntry,
  'requestToBook' | 'cancelled' | 'checkin' | 'checkout'
>

export function stageOfEntry(
  entry: StayFactsOfEntry,
  property: PropertyClock | undefined,
  now: number,
): StayStage | null {
  if (entry.requestToBook) return 'requestToBook'
  if (entry.cancelled) return 'cancelled'
  if (!entry.checkin || !entry.checkout) return null
  return stayStage(
    {
      conversationType: 'reservation',
      status: 'confirmed',
      checkin: entry.checkin,
      checkout: entry.checkout,
    },
    property ?? { timeZone: 'UTC', checkoutTime: null },
    now,
  )
}

export function matchesFilters(
  entry: ListEntry,
  filters: InboxFilters,
  property: PropertyClock | undefined,
  now: number,
): boolean {
  if (filters.needsReply && !entry.needsReply) return false
  if (filters.unread && !entry.unread) return false
  if (filters.arrivalFrom && !(entry.checkin && entry.checkin >= filters.arrivalFrom)) return false
  if (filters.arrivalTo && !(entry.checkin && entry.checkin <= filters.arrivalTo)) return false
  if (filters.stage !== 'all' && stageOfEntry(entry, property, now) !== filters.stage) return false
  return true
}

/** A reply is still possible (rule 2): the deadline has not passed. */
function replyOpen(entry: ListEntry, now: number): boolean {
  return entry.needsReply && entry.replyDeadline !== null && entry.replyDeadline > now
}

/**
 * - `replyDeadline`: conversations a reply is owed in, most urgent first; then the others (and
 *   those whose 14 days are over: they can no longer be answered) by last activity.
 * - `lastActivity`: newest first.
 * - `arrival`: the next arrivals first (today, then later), then past stays most recent first.
 */
export function comparatorFor(
  sort: InboxSort,
  now: number,
  today: (entry: ListEntry) => string,
): (a: ListEntry, b: ListEntry) => number {
  const byActivity = (a: ListEntry, b: ListEntry) =>
    b.lastActivityAt - a.lastActivityAt || compareIds(a, b)
  if (sort === 'lastActivity') return byActivity
  if (sort === 'replyDeadline') {
    return (a, b) => {
      const openA = replyOpen(a, now)
      const openB = replyOpen(b, now)
      if (openA !== openB) return openA ? -1 : 1
      if (openA) return a.replyDeadline! - b.replyDeadline! || compareIds(a, b)
      return byActivity(a, b)
    }
  }
  const rank = (entry: ListEntry) =>
    entry.checkin === null ? 2 : entry.checkin >= today(entry) ? 0 : 1
  return (a, b) => {
    const rankA = rank(a)
    const rankB = rank(b)
    if (rankA !== rankB) return rankA - rankB
    if (rankA === 0) return compareText(a.checkin!, b.checkin!) || byActivity(a, b)
    if (rankA === 1) return compareText(b.checkin!, a.checkin!) || byActivity(a, b)
    return byActivity(a, b)
  }
}

/**
 * `kept` (ordinals), given newest activity first (ties by id), by arrival: the next arrivals
 * first, then past stays most recent first, then those without a stay, as `comparatorFor` orders
 * them. Only the conversations with a stay are sorted, and Array#sort is stable, so ties keep
 * the activity order.
 */
function byArrival(
  table: EntryTable,
  kept: Int32Array,
  today: (entry: ListEntry) => string,
): number[] {
  const upcoming: number[] = []
  const past: number[] = []
  const none: number[] = []
  for (const ordinal of kept) {
    const entry = table.entry(ordinal)!
    if (entry.checkin === null) none.push(ordinal)
    else (entry.checkin >= today(entry) ? upcoming : past).push(ordinal)
  }
  const checkin = (ordinal: number) => table.entry(ordinal)!.checkin!
  upcoming.sort((a, b) => compareText(checkin(a), checkin(b)))
  past.sort((a, b) => compareText(checkin(b), checkin(a)))
  return upcoming.concat(past, none)
}

/** The orders the read model keeps between queries (see `KeptOrder`), as `EntryTable` ordinals. */
export interface KeptOrders {
  /** Every entry, newest activity first. */
  byActivity: readonly number[]
  /** The entries with a reply owed and its deadline, soonest first (passed ones included). */
  byDeadline: readonly number[]
}

/**
 * The entries `keep` accepts, as ordinals of `table`, in `sort`'s order (the same as
 * `comparatorFor`), without sorting the whole list: at 200,000 conversations a sort took 1.5 s
 * of the worker, beside the page (issue 11). By last activity and by reply deadline nothing is
 * sorted (the owed replies still open in deadline order, then the others in activity order:
 * sorting the bench's 120,000 owed replies alone took ~100 ms of every answer); by arrival only
 * the conversations with a stay.
 */
export function listInOrder(
  table: EntryTable,
  orders: KeptOrders,
  keep: (ordinal: number) => boolean,
  sort: InboxSort,
  now: number,
  today: (entry: ListEntry) => string,
): Int32Array {
  const out = new Int32Array(orders.byActivity.length)
  let length = 0
  if (sort === 'replyDeadline') {
    for (const ordinal of orders.byDeadline)
      if (table.replyOpen(ordinal, now) && keep(ordinal)) out[length++] = ordinal
    for (const ordinal of orders.byActivity)
      if (!table.replyOpen(ordinal, now) && keep(ordinal)) out[length++] = ordinal
    return out.slice(0, length)
  }
  for (const ordinal of orders.byActivity) if (keep(ordinal)) out[length++] = ordinal
  if (sort === 'lastActivity') return out.slice(0, length)
  return Int32Array.from(byArrival(table, out.subarray(0, length), today))
}

const PRESENT = 1
const OWED = 2
const UNREAD = 4

/**
 * The list's entries, each under an ordinal: a number given to a conversation the first time it
 * is set and kept for the table's life (a conversation removed and set again gets its number
 * back). What the common filters and the reply-deadline order ask (owed, unread, which
 * property, the deadline) is also held in typed columns by ordinal. At 200,000 conversations
 * (issue 11) a walk in list order over the entry objects took ~100 ms per answer (each entry a
 * few cache misses away); over the columns ~5 ms. And an answer can name its conversations by
 * ordinal: one Int32Array handed to the page, which learns each id once (`namesFrom`), instead
 * of 200,000 strings copied for every answer.
 */
export class EntryTable {
  private readonly ordinals = new Map<string, number>()
  private readonly names: string[] = []
  private readonly values: (ListEntry | undefined)[] = []
  private readonly propertyNumbers = new Map<string, number>()
  private flags = new Uint8Array(INITIAL_CAPACITY)
  private properties = new Int32Array(INITIAL_CAPACITY)
  /** The reply deadline, NaN when there is none. */
  private deadlines = new Float64Array(INITIAL_CAPACITY)
  private present = 0

  /** How many entries the table holds. */
  get size(): number {
    return this.present
  }

  ordinalOf(id: string): number | undefined {
    const ordinal = this.ordinals.get(id)
    return ordinal !== undefined && this.values[ordinal] ? ordinal : undefined
  }

  entry(ordinal: number): ListEntry | undefined {
    return this.values[ordinal]
  }

  get(id: string): ListEntry | undefined {
    const ordinal = this.ordinals.get(id)
    return ordinal === undefined ? undefined : this.values[ordinal]
  }

  has(id: string): boolean {
    return this.get(id) !== undefined
  }

  /** The ids of the entries held. */
  *ids(): IterableIterator<string> {
    for (const [id, ordinal] of this.ordinals) if (this.values[ordinal]) yield id
  }

  /** Sets (adds or replaces) the entry of its conversation; returns its ordinal. */
  set(entry: ListEntry): number {
    let ordinal = this.ordinals.get(entry.conversationId)
    if (ordinal === undefined) {
      ordinal = this.names.length
      this.ordinals.set(entry.conversationId, ordinal)
      this.names.push(entry.conversationId)
      this.values.push(undefined)
      this.grow(this.names.length)
    }
    if (!this.values[ordinal]) this.present += 1
    this.values[ordinal] = entry
    this.flags[ordinal] = PRESENT | (entry.needsReply ? OWED : 0) | (entry.unread ? UNREAD : 0)
    this.properties[ordinal] = this.propertyNumber(entry.propertyId)
    this.deadlines[ordinal] = entry.replyDeadline ?? Number.NaN
    return ordinal
  }

  delete(id: string): void {
    const ordinal = this.ordinals.get(id)
    if (ordinal === undefined || !this.values[ordinal]) return
    this.values[ordinal] = undefined
    this.flags[ordinal] = 0
    this.present -= 1
  }

  /** The ids of ordinals `from` onwards, in ordinal order: what the page has not learnt yet. */
  namesFrom(from: number): string[] {
    return this.names.slice(from)
  }

  idOf(ordinal: number): string {
    return this.names[ordinal]!
  }

  /** A reply is still possible (rule 2): owed, and the deadline has not passed. */
  replyOpen(ordinal: number, now: number): boolean {
    return (this.flags[ordinal]! & OWED) !== 0 && this.deadlines[ordinal]! > now
  }

  /**
   * The entries of `scope` (a property's id, null for all) that `filters` keep, as a test on
   * ordinals (the same as `matchesFilters`). Owed, unread and the property are read from the
   * columns; stage and arrival dates, rarer, from the entry. Valid until the next `set`.
   */
  filter(
    scope: string | null,
    filters: InboxFilters,
    clockOf: (propertyId: string) => PropertyClock | undefined,
    now: number,
  ): (ordinal: number) => boolean {
    const need = PRESENT | (filters.needsReply ? OWED : 0) | (filters.unread ? UNREAD : 0)
    // No property has the number -1: a scope never seen keeps nothing.
    const property = scope === null ? null : (this.propertyNumbers.get(scope) ?? -1)
    const byEntry =
      filters.stage !== 'all' || filters.arrivalFrom !== null || filters.arrivalTo !== null
    const { flags, properties, values } = this
    return (ordinal) => {
      if ((flags[ordinal]! & need) !== need) return false
      if (property !== null && properties[ordinal] !== property) return false
      if (!byEntry) return true
      const entry = values[ordinal]!
      return matchesFilters(entry, filters, clockOf(entry.propertyId), now)
    }
  }

  private propertyNumber(propertyId: string): number {
    return numberOf(this.propertyNumbers, propertyId)
  }

  private grow(length: number): void {
    if (length <= this.flags.length) return
    const capacity = Math.max(length, this.flags.length * 2)
    const flags = new Uint8Array(capacity)
    flags.set(this.flags)
    const properties = new Int32Array(capacity)
    properties.set(this.properties)
    const deadlines = new Float64Array(capacity)
    deadlines.set(this.deadlines)
    this.flags = flags
    this.properties = properties
    this.deadlines = deadlines
  }
}

const INITIAL_CAPACITY = 1_024

/**
 * `EntryTable` ordinals by a number, largest first, ties by id (the last activity, newest first;
 * or a reply deadline negated, soonest first), kept between queries: a write moves the few
 * conversations it touched (found by halving), only a large change (a start, a sync of
 * thousands) sorts them all again. A query then walks one array instead of sorting 200,000
 * conversations (issue 11). The numbers sit in a typed column by ordinal: a map from ids to
 * items made the values' array after a sort cost as much as the sort (~100 ms at 200,000).
 */
export class KeptOrder {
  /** The number of each ordinal; NaN: not in the order. */
  private keys = new Float64Array(INITIAL_CAPACITY).fill(Number.NaN)
  private sorted: number[] = []
  /** Ordinals whose place in `sorted` may be wrong: moved, added or removed since the last sort. */
  private readonly moved = new Set<number>()

  constructor(
    /** The conversation id of an ordinal, for ties. */
    private readonly idOf: (ordinal: number) => string,
  ) {}

  set(ordinal: number, key: number): void {
    this.grow(ordinal + 1)
    if (this.keys[ordinal] === key) return
    this.keys[ordinal] = key
    this.moved.add(ordinal)
  }

  delete(ordinal: number): void {
    if (ordinal >= this.keys.length || Number.isNaN(this.keys[ordinal]!)) return
    this.keys[ordinal] = Number.NaN
    this.moved.add(ordinal)
  }

  /** The ordinals, largest number first. */
  inOrder(): readonly number[] {
    if (this.moved.size === 0) return this.sorted
    const { keys, idOf } = this
    if (this.moved.size > REORDER_LIMIT) {
      const present: number[] = []
      for (let ordinal = 0; ordinal < keys.length; ordinal += 1)
        if (!Number.isNaN(keys[ordinal]!)) present.push(ordinal)
      present.sort((a, b) => keys[b]! - keys[a]! || compareText(idOf(a), idOf(b)))
      this.sorted = present
    } else {
      const kept = this.sorted.filter((ordinal) => !this.moved.has(ordinal))
      for (const ordinal of this.moved) {
        if (!Number.isNaN(keys[ordinal]!)) kept.splice(this.placeOf(kept, ordinal), 0, ordinal)
      }
      this.sorted = kept
    }
    this.moved.clear()
    return this.sorted
  }

  /** Where `ordinal` goes in `sorted` (without it). */
  private placeOf(sorted: readonly number[], ordinal: number): number {
    const key = this.keys[ordinal]!
    const id = this.idOf(ordinal)
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const other = sorted[middle]!
      const otherKey = this.keys[other]!
      if (otherKey > key || (otherKey === key && this.idOf(other) < id)) low = middle + 1
      else high = middle
    }
    return low
  }

  private grow(length: number): void {
    if (length <= this.keys.length) return
    const keys = new Float64Array(Math.max(length, this.keys.length * 2)).fill(Number.NaN)
    keys.set(this.keys)
    this.keys = keys
  }
}

/** Beyond this many moved conversations, sorting all again is cheaper than moving each. */
const REORDER_LIMIT = 256

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareIds(a: ListEntry, b: ListEntry): number {
  return compareText(a.conversationId, b.conversationId)
}
