import { describe, expect, it } from 'vitest'
import {
  comparatorFor,
  EntryTable,
  inboxSorts,
  KeptOrder,
  listInOrder,
  matchesFilters,
  noFilters,
  stageOfEntry,
  type InboxFilters,
  type ListEntry,
  type PropertyClock,
} from '@/search/list-model'

const HOUR = 3_600_000
const NOW = Date.parse('2026-03-10T09:00:00Z')
const lisbon = { timeZone: 'Europe/Lisbon', checkoutTime: '11:00' }

function entry(id: string, overrides: Partial<ListEntry> = {}): ListEntry {
  return {
    conversationId: id,
    propertyId: 'p1',
    requestToBook: false,
    cancelled: false,
    checkin: '2026-03-20',
    checkout: '2026-03-22',
    lastActivityAt: NOW - HOUR,
    needsReply: false,
    replyDeadline: null,
    unread: false,
    ...overrides,
  }
}

const order = (entries: ListEntry[], sort: Parameters<typeof comparatorFor>[0]) =>
  [...entries].sort(comparatorFor(sort, NOW, () => '2026-03-10')).map((e) => e.conversationId)

describe('the list model', () => {
  it('gives each stay its stage in the property calendar', () => {
    expect(stageOfEntry(entry('a'), lisbon, NOW)).toBe('upcoming')
    expect(stageOfEntry(entry('a', { checkin: '2026-03-10' }), lisbon, NOW)).toBe('arrivingToday')
    expect(
      stageOfEntry(entry('a', { checkin: '2026-03-08', checkout: '2026-03-12' }), lisbon, NOW),
    ).toBe('inHouse')
    expect(
      stageOfEntry(
        entry('a', { checkin: '2026-03-01', checkout: '2026-03-10' }),
        lisbon,
        NOW + 3 * HOUR,
      ),
    ).toBe('departed')
    expect(stageOfEntry(entry('a', { cancelled: true }), lisbon, NOW)).toBe('cancelled')
    expect(stageOfEntry(entry('a', { requestToBook: true }), lisbon, NOW)).toBe('requestToBook')
    expect(stageOfEntry(entry('a', { checkin: null, checkout: null }), lisbon, NOW)).toBeNull()
  })

  it('filters by needs reply, unread, stage and arrival dates together', () => {
    const entries = [
      entry('reply', { needsReply: true, replyDeadline: NOW + HOUR }),
      entry('unread', { unread: true }),
      entry('both', { needsReply: true, unread: true, replyDeadline: NOW + HOUR }),
      entry('inhouse', { checkin: '2026-03-08', checkout: '2026-03-12' }),
      entry('later', { checkin: '2026-04-01', checkout: '2026-04-03' }),
    ]
    const keep = (filters: Partial<typeof noFilters>) =>
      entries
        .filter((e) => matchesFilters(e, { ...noFilters, ...filters }, lisbon, NOW))
        .map((e) => e.conversationId)
    expect(keep({})).toHaveLength(5)
    expect(keep({ needsReply: true })).toEqual(['reply', 'both'])
    expect(keep({ unread: true })).toEqual(['unread', 'both'])
    expect(keep({ needsReply: true, unread: true })).toEqual(['both'])
    expect(keep({ stage: 'inHouse' })).toEqual(['inhouse'])
    expect(keep({ arrivalFrom: '2026-03-21' })).toEqual(['later'])
    expect(keep({ arrivalFrom: '2026-03-08', arrivalTo: '2026-03-08' })).toEqual(['inhouse'])
    expect(keep({ arrivalTo: '2026-03-19' })).toEqual(['inhouse'])
  })

  it('sorts by reply deadline: owed replies most urgent first, then the rest by activity', () => {
    const entries = [
      entry('quiet-new', { lastActivityAt: NOW }),
      entry('due-later', { needsReply: true, replyDeadline: NOW + 48 * HOUR }),
      entry('due-soon', { needsReply: true, replyDeadline: NOW + 2 * HOUR }),
      entry('closed', {
        needsReply: true,
        replyDeadline: NOW - HOUR,
        lastActivityAt: NOW - 400 * HOUR,
      }),
      entry('quiet-old', { lastActivityAt: NOW - 100 * HOUR }),
    ]
    expect(order(entries, 'replyDeadline')).toEqual([
      'due-soon',
      'due-later',
      'quiet-new',
      'quiet-old',
      'closed',
    ])
  })

  it('sorts by last activity, newest first', () => {
    const entries = [
      entry('b', { lastActivityAt: NOW - 2 * HOUR }),
      entry('a', { lastActivityAt: NOW }),
      entry('c', { lastActivityAt: NOW - 9 * HOUR }),
    ]
    expect(order(entries, 'lastActivity')).toEqual(['a', 'b', 'c'])
  })

  it('sorts by arrival: next arrivals first, then past stays most recent first', () => {
    const entries = [
      entry('past-old', { checkin: '2026-01-02' }),
      entry('next', { checkin: '2026-03-11' }),
      entry('today', { checkin: '2026-03-10' }),
      entry('later', { checkin: '2026-05-01' }),
      entry('past-recent', { checkin: '2026-03-01' }),
      entry('unknown', { checkin: null, checkout: null }),
    ]
    expect(order(entries, 'arrival')).toEqual([
      'today',
      'next',
      'later',
      'past-recent',
      'past-old',
      'unknown',
    ])
  })
})

describe('the list order kept between queries', () => {
  /** A small deterministic generator (mulberry32): the same cases on every run. */
  function random(seed: number): () => number {
    let state = seed
    return () => {
      state = (state + 0x6d2b79f5) | 0
      let t = Math.imul(state ^ (state >>> 15), 1 | state)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const pick = <T>(next: () => number, values: readonly T[]): T =>
    values[Math.floor(next() * values.length)]!
  /** Few distinct instants and dates, so ties are common: they are where orders differ. */
  function randomEntry(next: () => number, id: string): ListEntry {
    const needsReply = next() < 0.4
    return entry(id, {
      lastActivityAt: NOW - pick(next, [0, 1, 2, 3]) * HOUR,
      needsReply,
      replyDeadline: needsReply || next() < 0.2 ? NOW + pick(next, [-2, -1, 1, 2, 3]) * HOUR : null,
      checkin: next() < 0.2 ? null : pick(next, ['2026-03-08', '2026-03-10', '2026-03-12']),
    })
  }
  const today = () => '2026-03-10'

  /** The read model's table and two kept orders, fed as it feeds them (read-model.ts `place`). */
  function keptOrders() {
    const table = new EntryTable()
    const idOf = (ordinal: number) => table.idOf(ordinal)
    const byActivity = new KeptOrder(idOf)
    const byDeadline = new KeptOrder(idOf)
    return {
      table,
      put(item: ListEntry) {
        const ordinal = table.set(item)
        byActivity.set(ordinal, item.lastActivityAt)
        if (item.needsReply && item.replyDeadline !== null)
          byDeadline.set(ordinal, -item.replyDeadline)
        else byDeadline.delete(ordinal)
      },
      delete(id: string) {
        const ordinal = table.ordinalOf(id)
        if (ordinal !== undefined) {
          byActivity.delete(ordinal)
          byDeadline.delete(ordinal)
        }
        table.delete(id)
      },
      orders: () => ({ byActivity: byActivity.inOrder(), byDeadline: byDeadline.inOrder() }),
    }
  }
  const clocks = new Map<string, PropertyClock>([
    ['p1', lisbon],
    ['p2', { timeZone: 'Asia/Bangkok', checkoutTime: null }],
  ])
  // Each kind of test the table makes: none, its columns (owed, unread, property), the entry
  // (stage, arrival dates), and both.
  const queries: [string | null, InboxFilters][] = [
    [null, noFilters],
    [null, { ...noFilters, needsReply: true }],
    [null, { ...noFilters, unread: true }],
    ['p2', noFilters],
    ['p3', noFilters],
    ['p1', { ...noFilters, needsReply: true, unread: true }],
    [null, { ...noFilters, stage: 'upcoming' }],
    [null, { ...noFilters, arrivalFrom: '2026-03-09', arrivalTo: '2026-03-11' }],
    ['p2', { ...noFilters, unread: true, stage: 'inHouse' }],
  ]

  it('orders as the full sort does, for every sort and filter, through adds, moves and removals', () => {
    const next = random(11)
    const kept = keptOrders()
    const entries = new Map<string, ListEntry>()
    for (let round = 0; round < 40; round += 1) {
      // Small rounds move conversations one by one; every tenth is large (a start, a sync).
      const changes = round % 10 === 0 ? 400 : 1 + Math.floor(next() * 8)
      for (let change = 0; change < changes; change += 1) {
        const id = `c${Math.floor(next() * 600)}`
        if (next() < 0.15) {
          entries.delete(id)
          kept.delete(id)
        } else {
          const updated = {
            ...randomEntry(next, id),
            unread: next() < 0.3,
            propertyId: pick(next, ['p1', 'p2']),
          }
          entries.set(id, updated)
          kept.put(updated)
        }
      }
      const orders = kept.orders()
      const idsOf = (ordinals: ArrayLike<number>) =>
        Array.from(ordinals, (ordinal) => kept.table.idOf(ordinal))
      expect(orders.byActivity).toHaveLength(entries.size)
      expect(kept.table.size).toBe(entries.size)
      for (const sort of inboxSorts) {
        for (const [scope, filters] of queries) {
          const expected = [...entries.values()]
            .filter(
              (item) =>
                (scope === null || item.propertyId === scope) &&
                matchesFilters(item, filters, clocks.get(item.propertyId), NOW),
            )
            .sort(comparatorFor(sort, NOW, today))
            .map((item) => item.conversationId)
          const keep = kept.table.filter(scope, filters, (id) => clocks.get(id), NOW)
          expect(idsOf(listInOrder(kept.table, orders, keep, sort, NOW, today))).toEqual(expected)
        }
      }
    }
  })

  it('moves a conversation whose number changed, and keeps the place of one whose did not', () => {
    const ids = ['a', 'b', 'c']
    const order = new KeptOrder((ordinal) => ids[ordinal]!)
    order.set(0, NOW)
    order.set(1, NOW - HOUR)
    order.set(2, NOW - HOUR) // a tie: by id
    expect(order.inOrder()).toEqual([0, 1, 2])
    order.set(1, NOW - HOUR) // marked read: the same instant, nothing to move
    const before = order.inOrder()
    expect(order.inOrder()).toBe(before)
    order.set(2, NOW + HOUR)
    order.delete(0)
    order.delete(0)
    expect(order.inOrder()).toEqual([2, 1])
    order.set(0, NOW - 2 * HOUR)
    expect(order.inOrder()).toEqual([2, 1, 0])
  })

  it('orders past its first capacity, by a full sort and by moves', () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => `c${String(i).padStart(4, '0')}`)
    const order = new KeptOrder((ordinal) => ids[ordinal]!)
    const keyOf = (ordinal: number) => (ordinal * 7919) % 1_000 // ties in threes
    const expected = () =>
      ids
        .map((_, ordinal) => ordinal)
        .filter((ordinal) => ordinal % 100 !== 0)
        .sort((a, b) => keyOf(b) - keyOf(a) || a - b)
    for (const ordinal of ids.keys()) order.set(ordinal, keyOf(ordinal))
    for (let ordinal = 0; ordinal < ids.length; ordinal += 100) order.delete(ordinal)
    expect(order.inOrder()).toEqual(expected())
    // A few moved: placed by halving, the same order.
    order.set(2_999, keyOf(2_999) + 0.5)
    order.set(2_999, keyOf(2_999))
    order.delete(2_998)
    order.set(2_998, keyOf(2_998))
    expect(order.inOrder()).toEqual(expected())
  })
})

describe('EntryTable', () => {
  it('gives each conversation one ordinal for its life, and names the new ones once', () => {
    const table = new EntryTable()
    expect(table.set(entry('a'))).toBe(0)
    expect(table.set(entry('b'))).toBe(1)
    expect(table.namesFrom(0)).toEqual(['a', 'b'])
    table.delete('a')
    expect(table.ordinalOf('a')).toBeUndefined()
    expect(table.has('a')).toBe(false)
    expect(table.size).toBe(1)
    expect([...table.ids()]).toEqual(['b'])
    // Back again: its old number, nothing new to name.
    expect(table.set(entry('a', { unread: true }))).toBe(0)
    expect(table.namesFrom(2)).toEqual([])
    expect(table.set(entry('c'))).toBe(2)
    expect(table.namesFrom(2)).toEqual(['c'])
    expect(table.size).toBe(3)
  })

  it('keeps its columns right past its first capacity, and keeps nothing of a property never seen', () => {
    const table = new EntryTable()
    for (let i = 0; i < 3_000; i += 1) {
      table.set(
        entry(`c${i}`, {
          propertyId: `p${i % 3}`,
          needsReply: i % 2 === 0,
          replyDeadline: i % 2 === 0 ? NOW + (i % 4 === 0 ? HOUR : -HOUR) : null,
          unread: i % 5 === 0,
        }),
      )
    }
    const last = table.ordinalOf('c2998')!
    expect(table.replyOpen(last, NOW)).toBe(false) // its deadline has passed
    expect(table.replyOpen(table.ordinalOf('c2996')!, NOW)).toBe(true)
    const owedUnread = table.filter(
      'p1',
      { ...noFilters, needsReply: true, unread: true },
      () => undefined,
      NOW,
    )
    const kept = [...table.ids()].filter((id) => owedUnread(table.ordinalOf(id)!))
    expect(kept).toHaveLength(100) // i ≡ 10 (mod 30)
    expect(kept.every((id) => Number(id.slice(1)) % 30 === 10)).toBe(true)
    const nowhere = table.filter('elsewhere', noFilters, () => undefined, NOW)
    expect([...table.ids()].some((id) => nowhere(table.ordinalOf(id)!))).toBe(false)
    // A removed entry passes no filter, however open.
    table.delete('c2996')
    expect(table.filter(null, noFilters, () => undefined, NOW)(table.ordinalOf('c2995')! + 1)).toBe(
      false,
    )
  })
})
