import { stayStage, type StayStage } from '@shared/stays'

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
 * `entries`, given newest activity first (ties by id), by arrival: the next arrivals first, then
 * past stays most recent first, then those without a stay, as `comparatorFor` orders them. Only
 * the conversations with a stay are sorted, and Array#sort is stable, so ties keep the activity
 * order.
 */
function byArrival(entries: ListEntry[], today: (entry: ListEntry) => string): ListEntry[] {
  const upcoming: ListEntry[] = []
  const past: ListEntry[] = []
  const none: ListEntry[] = []
  for (const entry of entries) {
    if (entry.checkin === null) none.push(entry)
    else (entry.checkin >= today(entry) ? upcoming : past).push(entry)
  }
  upcoming.sort((a, b) => compareText(a.checkin!, b.checkin!))
  past.sort((a, b) => compareText(b.checkin!, a.checkin!))
  return upcoming.concat(past, none)
}

/** The orders the read model keeps between queries (see `KeptOrder`). */
export interface KeptOrders {
  /** Every entry, newest activity first. */
  byActivity: readonly ListEntry[]
  /** The entries with a reply owed and its deadline, soonest first (passed ones included). */
  byDeadline: readonly ListEntry[]
}

/**
 * The entries `keep` accepts, in `sort`'s order (the same as `comparatorFor`), without sorting
 * the whole list: at 200,000 conversations a sort took 1.5 s of the worker, beside the page
 * (issue 11). By last activity and by reply deadline nothing is sorted (the owed replies still
 * open in deadline order, then the others in activity order: sorting the bench's 120,000 owed
 * replies alone took ~100 ms of every answer); by arrival only the conversations with a stay.
 */
export function listInOrder(
  orders: KeptOrders,
  keep: (entry: ListEntry) => boolean,
  sort: InboxSort,
  now: number,
  today: (entry: ListEntry) => string,
): ListEntry[] {
  if (sort === 'replyDeadline') {
    const out: ListEntry[] = []
    for (const entry of orders.byDeadline) if (replyOpen(entry, now) && keep(entry)) out.push(entry)
    for (const entry of orders.byActivity)
      if (!replyOpen(entry, now) && keep(entry)) out.push(entry)
    return out
  }
  const kept: ListEntry[] = []
  for (const entry of orders.byActivity) if (keep(entry)) kept.push(entry)
  return sort === 'lastActivity' ? kept : byArrival(kept, today)
}

/**
 * Values (the list's entries) by a number, largest first, ties by id (the last activity, newest
 * first; or a reply deadline negated, soonest first), kept between queries: a write moves the
 * few conversations it touched (found by halving), only a large change (a start, a sync of
 * thousands) sorts them all again, and a value replaced without a change of its number (a
 * conversation marked read) keeps its place. A query then walks one array instead of sorting
 * 200,000 conversations (issue 11).
 */
export class KeptOrder<T> {
  private readonly items = new Map<string, { key: number; value: T; place: number }>()
  private sorted: string[] = []
  /** The values in `sorted`'s order; null until asked for after a move. */
  private values: T[] | null = []
  /** Ids whose place in `sorted` may be wrong: moved, added or removed since the last sort. */
  private readonly moved = new Set<string>()

  set(id: string, key: number, value: T): void {
    const item = this.items.get(id)
    if (item && item.key === key) {
      item.value = value
      if (this.values && this.moved.size === 0) this.values[item.place] = value
      return
    }
    if (item) {
      item.key = key
      item.value = value
    } else this.items.set(id, { key, value, place: -1 })
    this.moved.add(id)
    this.values = null
  }

  delete(id: string): void {
    if (!this.items.delete(id)) return
    this.moved.add(id)
    this.values = null
  }

  /** The ids, largest number first. */
  ids(): readonly string[] {
    if (this.moved.size === 0) return this.sorted
    if (this.moved.size > REORDER_LIMIT) {
      // Positions sorted over plain arrays: a third of the time of sorting [id, number] pairs.
      const ids = [...this.items.keys()]
      const keys = Float64Array.from(this.items.values(), (item) => item.key)
      const positions = ids.map((_, index) => index)
      positions.sort((a, b) => keys[b]! - keys[a]! || compareText(ids[a]!, ids[b]!))
      this.sorted = positions.map((index) => ids[index]!)
    } else {
      const kept = this.sorted.filter((id) => !this.moved.has(id))
      for (const id of this.moved) {
        const item = this.items.get(id)
        if (item) kept.splice(this.placeOf(kept, id, item.key), 0, id)
      }
      this.sorted = kept
    }
    this.moved.clear()
    return this.sorted
  }

  /** The values in the same order. */
  inOrder(): readonly T[] {
    const ids = this.ids()
    if (this.values) return this.values
    this.values = ids.map((id, place) => {
      const item = this.items.get(id)!
      item.place = place
      return item.value
    })
    return this.values
  }

  /** Where `id` goes in `ids` (sorted, without it). */
  private placeOf(ids: readonly string[], id: string, key: number): number {
    let low = 0
    let high = ids.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const other = ids[middle]!
      const otherKey = this.items.get(other)!.key
      if (otherKey > key || (otherKey === key && other < id)) low = middle + 1
      else high = middle
    }
    return low
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
