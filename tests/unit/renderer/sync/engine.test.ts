import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  applyConversationUpdates,
  enqueueSend,
  outboxOf,
  storeAttachmentBytes,
  writeProperties,
  writeReservations,
} from '@/db'
import { createSyncEngine, type EngineConfig, type SyncStatus } from '@/sync'
import { DAY, message, property, reservation, T0 } from '../db/builders'
import { deferred, platformWorld, type World } from './harness'
import { manualEvent, manualTimers } from './timers'

let world: World
let stop: (() => Promise<void>) | null = null
afterEach(async () => {
  await stop?.()
  stop = null
  vi.restoreAllMocks()
  world?.db.close()
})

function engineFor(w: World, config: Partial<EngineConfig> = {}) {
  const t = manualTimers()
  const online = manualEvent()
  const focus = manualEvent()
  const engine = createSyncEngine({
    db: w.db,
    port: w.platform.port,
    now: w.clock.now,
    config,
    timers: t.timers,
    onFocus: focus.subscribe,
    onOnline: online.subscribe,
  })
  const statuses: SyncStatus[] = []
  engine.subscribe((s) => statuses.push(s))
  stop = () => engine.stop()
  return { engine, t, online, focus, statuses }
}

describe('the sync engine', () => {
  it('bootstraps on start, pulls the queue and reports progress, then waits for the next tick', async () => {
    world = platformWorld(['c1', 'c2', 'c3'])
    world.platform.guestWrites('g1', 'c1', 'p1')
    const { engine, t, statuses } = engineFor(world)
    await engine.start()
    expect(statuses.map((s) => s.state)).toContain('syncing')
    expect(engine.status()).toMatchObject({
      state: 'idle',
      lastSyncAt: T0,
      lastError: null,
      bootstrap: { phase: 'done', propertiesTotal: 1, propertiesDone: 1, conversationsDone: 3 },
    })
    expect(world.platform.queue).toEqual([])
    expect(await world.db.conversations.count()).toBe(3)
    expect(t.delays()).toEqual([30_000])
  })

  it('goes offline, keeps what was queued, and sends it when the network comes back', async () => {
    world = platformWorld(['c1'])
    world.platform.setOffline(true)
    const { engine, online } = engineFor(world)
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c1', content: 'hello' },
      { now: T0 },
    )
    await engine.start()
    expect(engine.status()).toMatchObject({
      state: 'offline',
      lastError: { code: 'offline' },
      lastSyncAt: null,
    })
    expect(await outboxOf(world.db, 'c1')).toMatchObject([{ state: 'queued' }])

    world.platform.setOffline(false)
    world.clock.advance(60_000)
    online.fire()
    await engine.syncNow()
    expect(engine.status()).toMatchObject({
      state: 'idle',
      lastError: null,
      lastSyncAt: T0 + 60_000,
    })
    expect(world.platform.sentTexts('c1')).toEqual(['hello'])
  })

  it('sends what waited only for the platform as soon as it answers again, keeping a Retry-After', async () => {
    world = platformWorld(['c1', 'c2'])
    const { engine } = engineFor(world)
    await engine.start()
    world.platform.fail(
      'messages.send',
      { code: 'offline' },
      { code: 'rate_limited', retryAfterMs: 60_000 },
    )
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c1', content: 'back soon' },
      { now: T0 },
    )
    await engine.flushOutbox()
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c2', content: 'later' },
      { now: T0 },
    )
    await engine.flushOutbox()
    const [waiting] = await outboxOf(world.db, 'c1')
    expect(waiting).toMatchObject({ state: 'queued', lastError: { code: 'offline' } })
    expect(waiting!.nextAttemptAt).toBeGreaterThan(T0)

    // Well inside the backoff, the platform answers a sync: the reply goes now.
    world.clock.advance(500)
    await engine.syncNow()
    expect(world.platform.sentTexts('c1')).toEqual(['back soon'])
    // The 429's Retry-After still holds for the other one.
    expect(world.platform.sentTexts('c2')).toEqual([])
    expect(await outboxOf(world.db, 'c2')).toMatchObject([
      { state: 'queued', nextAttemptAt: T0 + 60_000, lastError: { code: 'rate_limited' } },
    ])
  })

  it('drains the outbox alone when something is queued, without pulling', async () => {
    world = platformWorld(['c1'])
    const { engine } = engineFor(world)
    await engine.start()
    world.platform.calls.length = 0
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c1', content: 'now' },
      { now: T0 },
    )
    await engine.flushOutbox()
    expect(world.platform.calls).toEqual(['messages.send:c1:now'])
  })

  it('compares conversation lists instead of consuming the queue when desks share the account', async () => {
    world = platformWorld(['c1', 'c2'])
    const { engine } = engineFor(world, { mode: 'listDiff' })
    await engine.start()
    world.platform.guestWrites('g1', 'c2', 'p1')
    world.platform.calls.length = 0
    await engine.syncNow()
    expect(world.platform.count('sync.pullLatest')).toBe(0)
    expect(world.platform.calls.filter((c) => c.startsWith('conversations.get'))).toEqual([
      'conversations.get:c2',
    ])
    expect(world.platform.queue).toHaveLength(1)
    expect(await world.db.messages.get('g1')).toBeDefined()
  })

  it('purges expired conversations on start and then once a day, failing their unsent records', async () => {
    world = platformWorld(['c1'])
    await writeProperties(world.db, [property('p1')])
    const old = reservation('r-old', {
      propertyId: 'p1',
      conversationId: 'old',
      checkin: '2024-01-01',
      checkout: '2024-01-03',
    })
    await writeReservations(world.db, 'p1', [old])
    await applyConversationUpdates(world.db, [
      {
        conversationId: 'old',
        messages: [
          message({ id: 'm-old', conversationId: 'old', propertyId: 'p1', at: T0 - 500 * DAY }),
        ],
      },
    ])
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'old', content: 'late' },
      { now: T0 },
    )
    const { engine } = engineFor(world)
    await engine.start()
    expect(await world.db.conversations.get('old')).toBeUndefined()
    expect(await outboxOf(world.db, 'old')).toMatchObject([
      { state: 'failed', failure: { code: 'conversationExpired' } },
    ])
    expect(world.platform.count('messages.send')).toBe(0)

    const old2 = reservation('r-old2', {
      propertyId: 'p1',
      conversationId: 'old2',
      checkin: '2024-01-01',
      checkout: '2024-01-03',
    })
    await writeReservations(world.db, 'p1', [old2])
    await engine.syncNow()
    expect(await world.db.conversations.get('old2')).toBeDefined()
    world.clock.advance(DAY)
    await engine.syncNow()
    expect(await world.db.conversations.get('old2')).toBeUndefined()
  })

  it('reports a full disk as quota_exceeded, frees the attachment cache, and keeps the outbox', async () => {
    world = platformWorld(['c1'])
    const { engine } = engineFor(world)
    await engine.start()
    await storeAttachmentBytes(
      world.db,
      { attachmentId: 'a1', conversationId: 'c1', metadata: null, bytes: new Uint8Array(50) },
      { now: T0 },
    )
    world.platform.setOffline(true)
    await enqueueSend(
      world.db,
      { propertyId: 'p1', conversationId: 'c1', content: 'keep me' },
      { now: T0 },
    )
    world.platform.setOffline(false)
    world.platform.guestWrites('g1', 'c1', 'p1')
    const put = IDBObjectStore.prototype.put
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<typeof put>
    ) {
      if (this.name === 'messages') throw new DOMException('disk full', 'QuotaExceededError')
      return put.apply(this, args)
    })
    await engine.syncNow()
    expect(engine.status()).toMatchObject({ state: 'error', lastError: { code: 'quota_exceeded' } })
    vi.restoreAllMocks()
    expect((await world.db.attachments.get('a1'))?.bytes).toBeNull()
    // Nothing was confirmed to the queue, and the outbox record is still there.
    expect(world.platform.queue.map((m) => m.message_id)).toEqual(['g1', 'sent-1'])
    expect(await outboxOf(world.db, 'c1')).toHaveLength(1)

    world.clock.advance(60_000)
    await engine.syncNow()
    expect(engine.status()).toMatchObject({ state: 'idle', lastError: null })
    expect((await outboxOf(world.db, 'c1')).map((r) => r.state)).toEqual(['sent'])
    expect(world.platform.sentTexts('c1')).toEqual(['keep me'])
    expect(world.platform.queue).toEqual([])
    expect(await world.db.messages.get('g1')).toBeDefined()
  })

  it('waits as long as a rate limit says before the next run', async () => {
    world = platformWorld(['c1'])
    const { engine, t } = engineFor(world)
    await engine.start()
    world.platform.fail('sync.pullLatest', { code: 'rate_limited', retryAfterMs: 5_000 })
    await engine.syncNow()
    expect(engine.status()).toMatchObject({
      state: 'error',
      lastError: { code: 'rate_limited' },
      retryAt: T0 + 5_000,
    })
    expect(t.delays()).toEqual([5_000])
  })

  it('takes a new interval and leaves no timer or listener when stopped', async () => {
    world = platformWorld(['c1'])
    const { engine, t, online, focus } = engineFor(world)
    await engine.start()
    engine.configure({ intervalMs: 60_000 })
    expect(t.delays()).toEqual([60_000])
    await engine.stop()
    expect(t.delays()).toEqual([])
    expect(online.count() + focus.count()).toBe(0)
  })

  it('lets one window pull at a time, so two windows never confirm the same queue page twice', async () => {
    world = platformWorld(['c1'])
    const first = engineFor(world)
    await first.engine.start()
    const second = createSyncEngine({
      db: world.db,
      port: world.platform.port,
      now: world.clock.now,
      timers: manualTimers().timers,
      onFocus: manualEvent().subscribe,
      onOnline: manualEvent().subscribe,
    })
    await second.start()
    world.platform.guestWrites('g1', 'c1', 'p1')
    world.platform.guestWrites('g2', 'c1', 'p1')

    const gate = deferred()
    const pull = world.platform.port.sync.pullLatest.bind(world.platform.port.sync)
    world.platform.port.sync.pullLatest = async () => {
      await gate.promise
      return pull()
    }
    world.platform.calls.length = 0
    const running = first.engine.syncNow()
    await new Promise((r) => setTimeout(r, 20))
    await second.syncNow()
    expect(second.status().state).toBe('idle')
    gate.resolve()
    await running
    await second.stop()
    expect(world.platform.calls.filter((c) => c.startsWith('sync.confirm'))).toEqual([
      'sync.confirm:2',
    ])
    expect(world.platform.queue).toEqual([])
    expect(await world.db.messages.count()).toBe(2)
  })
})
