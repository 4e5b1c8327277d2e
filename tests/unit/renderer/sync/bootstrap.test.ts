import 'fake-indexeddb/auto'
import { IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { InnboxDb, readCounters, readSyncState, recount } from '@/db'
import { bootstrap, includeProperties, type BootstrapProgress } from '@/sync/bootstrap'
import { property, reservation } from '../db/builders'
import { platformWorld, type World } from './harness'

let world: World
afterEach(() => world?.db.close())

/** p1 with c1-c3 (two pages), p2 with d1-d3 (two pages); d3 has never been written to. */
function twoProperties(): World {
  const w = platformWorld(['c1', 'c2', 'c3'])
  w.platform.addProperty(property('p2'))
  for (const id of ['d1', 'd2', 'd3']) {
    w.platform.addConversation(id, 'p2')
    w.platform.addReservation(reservation(`r-${id}`, { propertyId: 'p2', conversationId: id }))
  }
  for (const id of ['c1', 'c2', 'c3', 'd1', 'd2']) {
    w.platform.guestWrites(`g-${id}`, id, id.startsWith('c') ? 'p1' : 'p2')
  }
  return w
}

describe('bootstrap', () => {
  it('writes properties, reservations and every conversation, and reports progress', async () => {
    world = twoProperties()
    const progress: BootstrapProgress[] = []
    expect(await bootstrap(world.ctx, { onProgress: (p) => progress.push(p) })).toEqual({
      ok: true,
      value: undefined,
    })
    expect(await world.db.conversations.count()).toBe(6)
    expect(await world.db.conversations.where('hydrated').equals(1).count()).toBe(6)
    expect(progress.at(-1)).toEqual({
      phase: 'done',
      propertiesTotal: 2,
      propertiesDone: 2,
      conversationsDone: 6,
      currentPropertyId: null,
    })
    expect(progress.map((p) => p.conversationsDone)).toEqual(
      [...progress.map((p) => p.conversationsDone)].sort((a, b) => a - b),
    )
    // d3 has no message: the list says all there is, no need to read it.
    expect(world.platform.calls).not.toContain('conversations.get:d3')
    expect(await readCounters(world.db)).toEqual([
      {
        propertyId: 'p1',
        conversations: 3,
        unreadConversations: 3,
        unreadMessages: 3,
        needsReply: 3,
      },
      {
        propertyId: 'p2',
        conversations: 3,
        unreadConversations: 2,
        unreadMessages: 2,
        needsReply: 2,
      },
    ])
    expect(await recount(world.db)).toEqual([])
  })

  it('resumes after a restart from its checkpoint without fetching what was written again', async () => {
    world = twoProperties()
    // p1's two pages and p2's first page come through, then the network goes.
    const list = world.ctx.port.conversations.list.bind(world.ctx.port.conversations)
    let pages = 0
    world.ctx.port.conversations.list = async (args) => {
      pages += 1
      if (pages === 4) return { ok: false, error: { code: 'offline', message: 'cable pulled' } }
      return list(args)
    }
    expect(await bootstrap(world.ctx)).toMatchObject({ ok: false, failure: { kind: 'offline' } })
    const checkpoint = await readSyncState(world.db, 'bootstrap')
    expect(checkpoint).toMatchObject({
      doneProperties: ['p1'],
      current: { propertyId: 'p2', pageId: '2' },
    })

    // Restart: a new connection to the same store.
    world.db.close()
    world.db = new InnboxDb(world.db.name, { indexedDB: world.factory, IDBKeyRange })
    world.ctx.db = world.db
    world.ctx.port.conversations.list = list
    world.platform.calls.length = 0
    expect(await bootstrap(world.ctx)).toEqual({ ok: true, value: undefined })
    expect(world.platform.calls).toEqual(['conversations.list:p2@2'])
    expect(await world.db.conversations.count()).toBe(6)
    expect(await recount(world.db)).toEqual([])
  })

  it('writes each conversation once, from its page, and gives a reservation the list lacks an empty one', async () => {
    world = twoProperties()
    // A booking whose conversation the platform's list does not show.
    world.platform.addReservation(reservation('r-lost', { propertyId: 'p2', conversationId: 'x9' }))
    const list = world.ctx.port.conversations.list.bind(world.ctx.port.conversations)
    const seen: number[] = []
    world.ctx.port.conversations.list = async (args) => {
      // p2's reservations are stored before its first page is asked for, yet no row of p2 is:
      // the reservations made none.
      if (args.propertyId === 'p2' && !args.pageId) {
        expect(await world.db.reservations.where('propertyId').equals('p2').count()).toBe(4)
        seen.push(await world.db.conversations.where('propertyId').equals('p2').count())
      }
      return list(args)
    }
    const writes: string[] = []
    world.db.conversations.hook('creating', (key) => void writes.push(String(key)))
    world.db.conversations.hook('updating', (_changes, key) => void writes.push(String(key)))
    expect(await bootstrap(world.ctx)).toEqual({ ok: true, value: undefined })
    expect(seen).toEqual([0])
    expect(await world.db.conversations.get('x9')).toMatchObject({
      propertyId: 'p2',
      reservationId: 'r-lost',
      lastMessageId: null,
    })
    // Each conversation is written once (d3 and x9 have no message; d3 comes from the list).
    expect(writes.sort()).toEqual(['c1', 'c2', 'c3', 'd1', 'd2', 'd3', 'x9'])
    expect(await readCounters(world.db)).toContainEqual(
      expect.objectContaining({ propertyId: 'p2', conversations: 4 }),
    )
    expect(await recount(world.db)).toEqual([])
  })

  describe('writes fetched pages in groups', () => {
    /** p1 with c01-c09 on pages of 2 (five pages), each written to by its guest. */
    function ninePages(): World {
      const ids = Array.from({ length: 9 }, (_, i) => `c0${i + 1}`)
      const w = platformWorld(ids)
      for (const id of ids) w.platform.guestWrites(`g-${id}`, id, 'p1')
      return w
    }
    /** The bootstrap checkpoints as written, and the conversation rows stored at each. */
    function recordCheckpoints(w: World) {
      const seen: { pageId: string | null; done: string[]; stored: number }[] = []
      const list = w.ctx.port.conversations.list.bind(w.ctx.port.conversations)
      w.ctx.port.conversations.list = async (args) => {
        const cp = await readSyncState(w.db, 'bootstrap')
        seen.push({
          pageId: cp?.current?.pageId ?? null,
          done: cp?.doneProperties ?? [],
          stored: await w.db.conversations.count(),
        })
        return list(args)
      }
      return seen
    }

    it('commits a group once it holds enough conversations, and the rest at the end of the property', async () => {
      world = ninePages()
      const seen = recordCheckpoints(world)
      const group = { conversations: 4, messages: 1000, waitMs: 60_000 }
      expect(await bootstrap(world.ctx, { writeGroup: group })).toEqual({
        ok: true,
        value: undefined,
      })
      // Pages asked for: 0, 2, 4, 6, 8. Two pages (4 conversations) make a group.
      expect(seen.map((s) => [s.pageId, s.stored])).toEqual([
        [null, 0],
        [null, 0],
        ['4', 4],
        ['4', 4],
        ['8', 8],
      ])
      expect(await world.db.conversations.count()).toBe(9)
      expect(await readSyncState(world.db, 'bootstrap')).toMatchObject({
        doneProperties: ['p1'],
        current: null,
      })
      expect(await recount(world.db)).toEqual([])
    })

    it('commits a group once it holds enough messages, or once its first page waited long enough', async () => {
      world = ninePages()
      let seen = recordCheckpoints(world)
      expect(
        await bootstrap(world.ctx, {
          writeGroup: { conversations: 100, messages: 2, waitMs: 60_000 },
        }),
      ).toEqual({ ok: true, value: undefined })
      // Each page holds two messages: every page is a group.
      expect(seen.map((s) => s.stored)).toEqual([0, 2, 4, 6, 8])

      world.db.close()
      world = ninePages()
      seen = recordCheckpoints(world)
      const list = world.ctx.port.conversations.list.bind(world.ctx.port.conversations)
      world.ctx.port.conversations.list = async (args) => {
        world.clock.advance(1_000)
        return list(args)
      }
      expect(
        await bootstrap(world.ctx, {
          writeGroup: { conversations: 100, messages: 100, waitMs: 1_500 },
        }),
      ).toEqual({ ok: true, value: undefined })
      // A page takes a second: when the third page comes, the first has waited two, so the
      // three are written together; pages 4 and 5 end the property.
      expect(seen.map((s) => s.stored)).toEqual([0, 0, 0, 6, 6])
    })

    it('writes the pages it fetched, with their checkpoint, before it stops on a failure', async () => {
      world = ninePages()
      const list = world.ctx.port.conversations.list.bind(world.ctx.port.conversations)
      let pages = 0
      world.ctx.port.conversations.list = async (args) => {
        pages += 1
        if (pages === 4) return { ok: false, error: { code: 'offline', message: 'cable pulled' } }
        return list(args)
      }
      const group = { conversations: 100, messages: 1000, waitMs: 60_000 }
      expect(await bootstrap(world.ctx, { writeGroup: group })).toMatchObject({
        ok: false,
        failure: { kind: 'offline' },
      })
      expect(await world.db.conversations.count()).toBe(6)
      expect(await readSyncState(world.db, 'bootstrap')).toMatchObject({
        current: { propertyId: 'p1', pageId: '6', conversationsDone: 6 },
      })

      // The next run goes on from page 6 and asks for nothing it wrote.
      world.ctx.port.conversations.list = list
      world.platform.calls.length = 0
      expect(await bootstrap(world.ctx, { writeGroup: group })).toEqual({
        ok: true,
        value: undefined,
      })
      expect(world.platform.calls.filter((c) => c.startsWith('conversations.list'))).toEqual([
        'conversations.list:p1@6',
        'conversations.list:p1@8',
      ])
      expect(await world.db.conversations.count()).toBe(9)
      expect(await recount(world.db)).toEqual([])
    })
  })

  it('runs again only for a property the account gained after it finished', async () => {
    world = platformWorld(['c1'])
    await bootstrap(world.ctx)
    world.platform.addProperty(property('p2'))
    world.platform.addConversation('d1', 'p2')
    world.platform.guestWrites('g-d1', 'd1', 'p2')
    world.platform.calls.length = 0
    await includeProperties(world.ctx, ['p1', 'p2'])
    await bootstrap(world.ctx)
    expect(world.platform.calls).toEqual([
      'reservations.list:p2',
      'conversations.list:p2@0',
      'conversations.get:d1',
    ])
    expect(await world.db.conversations.get('d1')).toMatchObject({
      propertyId: 'p2',
      needsReply: 1,
    })
  })

  it('stops asking for a property the account lost before its bootstrap finished', async () => {
    world = twoProperties()
    world.platform.fail('conversations.list', { code: 'offline' })
    expect(await bootstrap(world.ctx)).toMatchObject({ ok: false })
    await includeProperties(world.ctx, ['p2'])
    world.platform.calls.length = 0
    expect(await bootstrap(world.ctx)).toEqual({ ok: true, value: undefined })
    expect(world.platform.calls.some((c) => c.includes('p1'))).toBe(false)
    expect(await readSyncState(world.db, 'bootstrap')).toMatchObject({
      propertyIds: ['p2'],
      doneProperties: ['p2'],
    })
  })
})
