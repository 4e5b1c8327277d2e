import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applyConversationUpdates,
  purgeConversations,
  readCounters,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { noFilters, type ListQuery } from '@/search/list-model'
import { InboxReadModel, type ListResult, type ReadModelSnapshot } from '@/search/read-model'
import type { SnapshotSlot } from '@/db/snapshots'
import { DAY, HOUR, T0, freshDb, message, property, reservation } from '../db/builders'
import { memoryPolicy, memorySlot } from '../db/memory-slot'

// The read model over a real (fake-indexeddb) store: it builds its index from what is stored,
// then follows every write the way the app's worker does.

let db: InnboxDb
let model: InboxReadModel
const failures: unknown[] = []

const query = (patch: Partial<ListQuery> = {}): ListQuery => ({
  propertyId: 'all',
  filters: { ...noFilters },
  sort: 'replyDeadline',
  search: '',
  now: T0,
  ...patch,
})

async function settled(check: (result: ListResult) => void, patch: Partial<ListQuery> = {}) {
  await vi.waitFor(() => {
    const result = model.query(query(patch))
    expect(result.loaded && result.index.ready).toBe(true)
    check(result)
  })
}

let factory: IDBFactory

beforeEach(async () => {
  factory = new IDBFactory()
  db = freshDb(factory)
  await writeProperties(db, [property('p1'), property('p2', { time_zone: 'Asia/Bangkok' })])
  await writeReservations(db, 'p1', [
    reservation('r1', { propertyId: 'p1', conversationId: 'c1', guest_name: 'Inês Carvalho' }),
    reservation('r2', {
      propertyId: 'p1',
      conversationId: 'c2',
      guest_name: 'Tom Baker',
      status: 'cancelled',
      cancelled_at: new Date(T0 - DAY).toISOString(),
    }),
  ])
  await writeReservations(db, 'p2', [
    reservation('r3', { propertyId: 'p2', conversationId: 'c3', guest_name: 'สมชาย แสงทอง' }),
  ])
  await applyConversationUpdates(db, [
    {
      conversationId: 'c1',
      messages: [
        message({
          id: 'm1',
          conversationId: 'c1',
          propertyId: 'p1',
          content: 'Há estacionamento perto do hotel?',
          at: T0 - 3 * HOUR,
        }),
      ],
    },
    {
      conversationId: 'c2',
      messages: [
        message({
          id: 'm2',
          conversationId: 'c2',
          propertyId: 'p1',
          content: 'Late check-in please',
          at: T0 - 30 * HOUR,
        }),
        message({
          id: 'm3',
          conversationId: 'c2',
          propertyId: 'p1',
          from: 'property',
          content: 'Of course!',
          at: T0 - 29 * HOUR,
        }),
      ],
    },
    {
      conversationId: 'c3',
      messages: [
        message({
          id: 'm4',
          conversationId: 'c3',
          propertyId: 'p2',
          content: 'ห้องพักสะอาดมาก ขอบคุณครับ',
          at: T0 - DAY,
        }),
      ],
    },
  ])
  failures.length = 0
  model = new InboxReadModel(
    db,
    () => {},
    (error) => failures.push(error),
  )
  model.start()
})

afterEach(() => {
  model.stop()
  db.close()
})

describe('the inbox read model', () => {
  it('lists every stored conversation, owed replies first', async () => {
    await settled((result) => {
      // c3's guest wrote first: its 14 days end first.
      expect(result.ids).toEqual(['c3', 'c1', 'c2'])
      expect(result.total).toBe(3)
      expect(result.matches).toBeNull()
    })
  })

  it("lists one property's conversations, as many as its counters say", async () => {
    const counters = new Map((await readCounters(db)).map((row) => [row.propertyId, row]))
    await settled((result) => expect(result.total).toBe(counters.get('p1')!.conversations), {
      propertyId: 'p1',
    })
    await settled((result) => expect(result.total).toBe(counters.get('p1')!.needsReply), {
      propertyId: 'p1',
      filters: { ...noFilters, needsReply: true },
    })
    await settled((result) => expect(result.total).toBe(counters.get('p1')!.unreadConversations), {
      propertyId: 'p1',
      filters: { ...noFilters, unread: true },
    })
  })

  it('knows a cancelled stay from its reservation', async () => {
    await settled((result) => expect(result.ids).toEqual(['c2']), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
  })

  it('follows a reservation cancelled later', async () => {
    await settled((result) => expect(result.ids).toEqual(['c2']), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
    await writeReservations(db, 'p1', [
      reservation('r1', {
        propertyId: 'p1',
        conversationId: 'c1',
        guest_name: 'Inês Carvalho',
        status: 'cancelled',
        cancelled_at: new Date(T0).toISOString(),
      }),
    ])
    await settled((result) => expect(result.ids.sort()).toEqual(['c1', 'c2']), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
  })

  it('finds message text and guest names, in any script, with the matched message', async () => {
    await settled(
      (result) => {
        expect(result.ids).toEqual(['c1'])
        expect(result.matches).toEqual(['m1'])
        expect(result.terms).toEqual(['estacionamento'])
      },
      { search: 'Estacionamento' },
    )
    await settled((result) => expect(result.matches).toEqual([null]), { search: 'ines' })
    await settled((result) => expect(result.ids).toEqual(['c3']), { search: 'ห้อง' })
    await settled((result) => expect(result.ids).toEqual(['c3']), { search: 'สมชาย' })
  })

  it('searches within the selected property and filters', async () => {
    await settled((result) => expect(result.ids).toEqual([]), { search: 'ห้อง', propertyId: 'p1' })
    await settled((result) => expect(result.ids).toEqual(['c2']), {
      search: 'late',
      filters: { ...noFilters, stage: 'cancelled' },
    })
  })

  it('follows new messages and new conversations as they are written', async () => {
    await settled(() => {})
    await applyConversationUpdates(db, [
      {
        conversationId: 'c2',
        messages: [
          message({
            id: 'm5',
            conversationId: 'c2',
            propertyId: 'p1',
            content: 'Can we bring our dog?',
            at: T0 - HOUR,
          }),
        ],
      },
      {
        conversationId: 'c9',
        propertyId: 'p2',
        messages: [
          message({
            id: 'm6',
            conversationId: 'c9',
            propertyId: 'p2',
            content: 'Where is the pool?',
            at: T0,
          }),
        ],
      },
    ])
    await settled((result) => expect(result.ids).toEqual(['c2']), { search: 'dog' })
    await settled((result) => expect(result.ids).toEqual(['c9']), { search: 'pool' })
    await settled((result) => expect(result.total).toBe(4))
  })

  it('moves an answered conversation from the owed replies to its place by activity', async () => {
    await settled((result) => expect(result.ids).toEqual(['c3', 'c1', 'c2']))
    // c3 answered now: no reply owed, and the latest activity of all.
    await applyConversationUpdates(db, [
      {
        conversationId: 'c3',
        messages: [
          message({ id: 'm7', conversationId: 'c3', propertyId: 'p2', from: 'property', at: T0 }),
        ],
      },
    ])
    await settled((result) => expect(result.ids).toEqual(['c1', 'c3', 'c2']))
    await settled((result) => expect(result.ids).toEqual(['c3', 'c1', 'c2']), {
      sort: 'lastActivity',
    })
  })

  it('forgets purged conversations, in the list and in the search', async () => {
    await settled(() => {})
    await purgeConversations(db, ['c1'], T0)
    await settled((result) => expect(result.ids).not.toContain('c1'))
    await settled((result) => expect(result.ids).toEqual([]), { search: 'estacionamento' })
  })

  it('reads again only the conversations a write touched, and only the stays a write touched', async () => {
    await settled(() => {})
    const before = model.stats().reads
    await applyConversationUpdates(db, [
      {
        conversationId: 'c2',
        messages: [
          message({
            id: 'm5',
            conversationId: 'c2',
            propertyId: 'p1',
            content: 'One more question about parking',
            at: T0 - HOUR,
          }),
        ],
      },
    ])
    await settled((result) => expect(result.ids).toEqual(['c2']), { search: 'parking' })
    await settled((result) => expect(result.ids[0]).toBe('c2'), { sort: 'lastActivity' })
    expect(model.stats().reads.full).toBe(before.full)
    expect(model.stats().reads.partial).toBeGreaterThan(before.partial)

    await purgeConversations(db, ['c1'], T0)
    await settled((result) => expect(result.ids).not.toContain('c1'))

    // A stay cancelled and one taken back: at 200,000 conversations (issue 11) neither may
    // mean reading every row again.
    await writeReservations(db, 'p1', [
      reservation('r2', { propertyId: 'p1', conversationId: 'c2', guest_name: 'Tom Baker' }),
    ])
    await writeReservations(db, 'p2', [
      reservation('r3', {
        propertyId: 'p2',
        conversationId: 'c3',
        guest_name: 'สมชาย แสงทอง',
        status: 'cancelled',
        cancelled_at: new Date(T0).toISOString(),
      }),
    ])
    await settled((result) => expect(result.ids).toEqual(['c3']), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
    // A property's clock changes: it is read, the conversations are not.
    await writeProperties(db, [property('p2', { time_zone: 'Europe/Lisbon' })])
    await settled(() => {})
    expect(model.stats().reads.full).toBe(before.full)
  })

  it('reads every stay again after a write over a range of them', async () => {
    await settled((result) => expect(result.ids).toEqual(['c2']), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
    const before = model.stats().reads
    await db.reservations.clear()
    await settled((result) => expect(result.ids).toEqual([]), {
      filters: { ...noFilters, stage: 'cancelled' },
    })
    expect(model.stats().reads.full).toBe(before.full)
  })

  it("tells a list change from the search index's growth", async () => {
    await settled(() => {})
    const kinds: string[] = []
    const told = new InboxReadModel(
      db,
      (what) => kinds.push(what),
      (error) => failures.push(error),
    )
    told.start()
    await vi.waitFor(() => expect(told.query(query()).index.ready).toBe(true))
    told.stop()
    // The first read, then the index's first build (a page, then ready).
    expect(kinds[0]).toBe('list')
    expect(kinds.slice(1)).toEqual(kinds.slice(1).map(() => 'index'))
    expect(kinds.length).toBeGreaterThan(1)
  })

  it('reads the store again after a burst of writes once, not once per write', async () => {
    await settled(() => {})
    let changes = 0
    const counted = new InboxReadModel(
      db,
      () => (changes += 1),
      (error) => failures.push(error),
    )
    counted.start()
    await vi.waitFor(() => expect(counted.query(query()).index.ready).toBe(true))
    changes = 0
    for (let i = 0; i < 20; i++) {
      await applyConversationUpdates(db, [
        {
          conversationId: `burst${i}`,
          propertyId: 'p2',
          messages: [
            message({
              id: `b${i}`,
              conversationId: `burst${i}`,
              propertyId: 'p2',
              content: `burst ${i}`,
            }),
          ],
        },
      ])
    }
    await vi.waitFor(() => expect(counted.query(query()).total).toBe(23))
    await vi.waitFor(() => expect(counted.query(query({ search: 'burst' })).total).toBe(20))
    // One read per burst (and one reindex pass after it), give or take the timing of the burst.
    expect(changes).toBeLessThan(8)
    counted.stop()
  })

  it('reports its index measurements', async () => {
    await settled(() => {})
    const stats = model.stats()
    expect(stats.ready).toBe(true)
    expect(stats.documents).toBe(7)
    expect(stats.buildMs).toBeGreaterThanOrEqual(0)
    expect(stats.approximateBytes).toBeGreaterThan(0)
    expect(failures).toEqual([])
  })
})

describe('the index kept between starts', () => {
  const modelWith = (slot: SnapshotSlot<ReadModelSnapshot>, everyMs?: number) =>
    new InboxReadModel(
      db,
      () => {},
      (error) => failures.push(error),
      undefined,
      memoryPolicy(slot, everyMs),
    )

  it('saves the built index, and a later start restores it and reads only what changed since', async () => {
    model.stop()
    const slot = memorySlot<ReadModelSnapshot>()
    model = modelWith(slot)
    model.start()
    await settled(() => {})
    await vi.waitFor(() => expect(slot.saves).toBe(1))
    expect(model.stats().restored).toBe(false)
    model.stop()

    // While the app was closed: a new message in c1, c2 purged, a new conversation c4.
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [
          message({
            id: 'm5',
            conversationId: 'c1',
            propertyId: 'p1',
            content: 'Breakfast?',
            at: T0 - HOUR,
          }),
        ],
      },
      {
        conversationId: 'c4',
        messages: [
          message({
            id: 'm6',
            conversationId: 'c4',
            propertyId: 'p2',
            content: 'Airport shuttle',
            at: T0 - HOUR,
          }),
        ],
      },
    ])
    await purgeConversations(db, ['c2'], T0)

    // A restored snapshot counts as just saved: what the start catches up waits the interval.
    model = modelWith(slot, 300)
    model.start()
    await settled((result) => expect(result.ids).toHaveLength(3))
    expect(slot.saves).toBe(1)
    expect(model.stats().restored).toBe(true)
    const search = (text: string) => model.query(query({ search: text })).ids
    await vi.waitFor(() => expect(search('breakfast')).toEqual(['c1']))
    expect(search('shuttle')).toEqual(['c4'])
    // From the snapshot, not read again: c1's first message and c3's.
    expect(search('estacionamento')).toEqual(['c1'])
    expect(search('สะอาด')).toEqual(['c3'])
    expect(search('late')).toEqual([])
    expect(search('tom')).toEqual([])
    // What it caught up is saved again.
    await vi.waitFor(() => expect(slot.saves).toBe(2))
    expect(failures).toEqual([])
  })

  it('builds from the store when there is no snapshot to use', async () => {
    model.stop()
    const slot = memorySlot<ReadModelSnapshot>()
    slot.load = async () => null
    model = modelWith(slot)
    model.start()
    await settled((result) => expect(result.ids).toHaveLength(3))
    expect(model.stats().restored).toBe(false)
    expect(model.query(query({ search: 'estacionamento' })).ids).toEqual(['c1'])
  })
})
