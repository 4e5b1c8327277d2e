import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { enqueueSend, messagesOf, recount, StoreError } from '@/db'
import { createOutboxDrain } from '@/sync/outbox-drain'
import { pullReservations } from '@/sync/catalog'
import { hydrateStubs, pullListDiff, pullQueue } from '@/sync/pull'
import { reservation, T0, iso, DAY } from '../db/builders'
import { syncedWorld, type World } from './harness'

let world: World
afterEach(() => world?.db.close())

describe('pulling the account queue', () => {
  it('stores new messages and confirms them only after they are committed', async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    world.platform.guestWrites('g2', 'c2', 'p1')
    const confirm = world.ctx.port.sync.confirm.bind(world.ctx.port.sync)
    let storedAtConfirm = -1
    world.ctx.port.sync.confirm = async (args) => {
      storedAtConfirm = await world.db.messages.count()
      return confirm(args)
    }
    expect(await pullQueue(world.ctx)).toEqual({ ok: true, value: { newMessages: 2, fetched: 0 } })
    expect(storedAtConfirm).toBe(2)
    expect(world.platform.calls).toEqual(
      ['sync.pullLatest', 'sync.confirm:2', 'sync.pullLatest'].slice(0, 2),
    )
    expect(world.platform.queue).toEqual([])
    expect(await world.db.conversations.get('c1')).toMatchObject({ needsReply: 1, unreadCount: 1 })
  })

  it('stores a redelivery after a crash between write and confirm once', async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    world.platform.guestWrites('g2', 'c1', 'p1')
    world.platform.fail('sync.confirm', { code: 'offline' })
    const crashed = await pullQueue(world.ctx)
    expect(crashed).toMatchObject({ ok: false, failure: { kind: 'offline' } })
    expect(world.platform.queue).toHaveLength(2)
    expect(await messagesOf(world.db, 'c1')).toHaveLength(2)

    expect(await pullQueue(world.ctx)).toMatchObject({ ok: true, value: { newMessages: 0 } })
    expect(world.platform.queue).toEqual([])
    expect(await messagesOf(world.db, 'c1')).toHaveLength(2)
    expect(await world.db.conversations.get('c1')).toMatchObject({ unreadCount: 2 })
    expect(await recount(world.db)).toEqual([])
  })

  it('ignores a message the queue delivers again after it was confirmed', async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    await pullQueue(world.ctx)
    const again = world.platform.conversations.get('c1')?.messages.at(-1)
    if (again) world.platform.queue.push(again)
    expect(await pullQueue(world.ctx)).toMatchObject({ ok: true, value: { newMessages: 0 } })
    expect(world.platform.queue).toEqual([])
    expect(await world.db.conversations.get('c1')).toMatchObject({ unreadCount: 1 })
  })

  it('does not confirm messages whose write failed (quota), so the queue keeps them', async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    const put = IDBObjectStore.prototype.put
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if (this.name === 'messages') throw new DOMException('disk full', 'QuotaExceededError')
      return put.apply(this, args)
    }
    try {
      const failed = pullQueue(world.ctx)
      await expect(failed).rejects.toBeInstanceOf(StoreError)
      await expect(failed).rejects.toMatchObject({ code: 'quota_exceeded' })
    } finally {
      IDBObjectStore.prototype.put = put
    }
    expect(world.platform.count('sync.confirm')).toBe(0)
    expect(world.platform.queue).toHaveLength(1)
    expect(await pullQueue(world.ctx)).toMatchObject({ ok: true, value: { newMessages: 1 } })
  })
})

describe('pulling by list comparison (desks sharing an account)', () => {
  it('reads only the conversations whose latest message changed, and never touches the queue', async () => {
    world = await syncedWorld(['c1', 'c2', 'c3'])
    world.platform.guestWrites('g1', 'c2', 'p1')
    world.platform.otherDeskWrites('o1', 'c3', 'p1', 'answered by the other desk')
    const result = await pullListDiff(world.ctx, ['p1'], 2)
    expect(result).toEqual({ ok: true, value: { newMessages: 0, fetched: 2 } })
    const gets = world.platform.calls.filter((c) => c.startsWith('conversations.get'))
    expect(gets.sort()).toEqual(['conversations.get:c2', 'conversations.get:c3'])
    expect(world.platform.count('sync.pullLatest')).toBe(0)
    expect(world.platform.queue).toHaveLength(2)
    expect((await messagesOf(world.db, 'c3')).map((m) => m.messageId)).toEqual(['o1'])

    world.platform.calls.length = 0
    await pullListDiff(world.ctx, ['p1'], 2)
    expect(world.platform.calls.filter((c) => c.startsWith('conversations.get'))).toEqual([])
  })

  it("reads a conversation once more to replace its own sent message with the platform's copy", async () => {
    world = await syncedWorld(['c1'])
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c1', content: 'hi' },
      { now: T0 },
    )
    await createOutboxDrain(world.ctx).drain()
    expect(await world.db.messages.get('sent-1')).toMatchObject({ provisional: 1 })
    await pullListDiff(world.ctx, ['p1'], 2)
    expect(await world.db.messages.get('sent-1')).toMatchObject({ provisional: 0 })
    world.platform.calls.length = 0
    await pullListDiff(world.ctx, ['p1'], 2)
    expect(world.platform.calls.filter((c) => c.startsWith('conversations.get'))).toEqual([])
  })

  it('takes a changed tag from the list without reading the conversation', async () => {
    world = await syncedWorld(['c1'])
    world.platform.guestWrites('g1', 'c1', 'p1')
    await pullListDiff(world.ctx, ['p1'], 2)
    const c1 = world.platform.conversations.get('c1')
    if (c1) c1.tags = { no_reply_needed: { set: true, set_at: iso(T0) } }
    world.platform.calls.length = 0
    await pullListDiff(world.ctx, ['p1'], 2)
    expect(world.platform.calls.filter((c) => c.startsWith('conversations.get'))).toEqual([])
    expect(await world.db.conversations.get('c1')).toMatchObject({ needsReply: 0 })
  })
})

describe('reservations and new conversations', () => {
  it('asks for reservations changed since the last fetch and makes their conversations', async () => {
    world = await syncedWorld(['c1'])
    world.clock.advance(DAY)
    world.platform.addReservation(
      reservation('r-new', {
        propertyId: 'p1',
        conversationId: 'c-new',
        checkin: '2025-04-01',
        checkout: '2025-04-03',
        updated_at: iso(world.clock.now()),
      }),
    )
    world.platform.addConversation('c-new', 'p1')
    expect(await pullReservations(world.ctx, ['p1'])).toEqual({ ok: true, value: 1 })
    expect(await world.db.conversations.get('c-new')).toMatchObject({
      checkin: '2025-04-01',
      hydrated: 0,
    })

    expect(await hydrateStubs(world.ctx, 10, 2)).toEqual({ ok: true, value: 1 })
    const row = await world.db.conversations.get('c-new')
    expect(row?.hydrated).toBe(1)
    expect(row?.participants.map((p) => p.participant_id)).toContain('property-p1')
  })
})
