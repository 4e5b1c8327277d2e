import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cancelOutboxRecord,
  enqueueMarkRead,
  enqueueNoReplyNeeded,
  enqueueSend,
  markSending,
  outboxOf,
  retryOutboxRecord,
} from '@/db'
import { reason } from '@shared/policy'
import { createOutboxDrain, DRAIN_LOCK } from '@/sync/outbox-drain'
import type { LockManagerLike } from '@/sync/locks'
import { deferred, statesOf, syncedWorld, type World } from './harness'

let world: World
afterEach(() => world?.db.close())

const SECOND = 1000
const target = (conversationId: string) => ({ propertyId: 'p1', conversationId })

async function send(conversationId: string, content: string) {
  return enqueueSend(world.db, { ...target(conversationId), content }, { now: world.clock.now() })
}

describe('the outbox drain', () => {
  it('sends three messages queued offline in two conversations exactly once, in order per conversation', async () => {
    world = await syncedWorld()
    const drain = createOutboxDrain(world.ctx)
    world.platform.setOffline(true)
    await send('c1', 'first to c1')
    await send('c2', 'only to c2')
    await send('c1', 'second to c1')
    const offline = await drain.drain()
    expect(offline).toMatchObject({ ran: true, sent: 0, stoppedBy: { kind: 'offline' } })
    expect(world.platform.sentTexts('c1')).toEqual([])

    world.platform.setOffline(false)
    world.clock.advance(60 * SECOND)
    const online = await drain.drain()
    expect(online).toMatchObject({ sent: 3, failed: 0, stoppedBy: null, nextAttemptAt: null })
    expect(world.platform.sentTexts('c1')).toEqual(['first to c1', 'second to c1'])
    expect(world.platform.sentTexts('c2')).toEqual(['only to c2'])
    expect(await statesOf(world.db, 'c1')).toEqual(['sent', 'sent'])

    expect(await drain.drain()).toMatchObject({ sent: 0 })
    const received = [...world.platform.conversations.values()].flatMap((c) => c.messages)
    expect(received.map((m) => m.message_id).sort()).toEqual(['sent-1', 'sent-2', 'sent-3'])
  })

  it('shows a sent message in the conversation at once, and keeps one copy when the platform delivers it', async () => {
    world = await syncedWorld()
    const record = await send('c1', 'hello')
    await createOutboxDrain(world.ctx).drain()
    const sent = (await outboxOf(world.db, 'c1'))[0]
    expect(sent).toMatchObject({ id: record.id, state: 'sent', messageId: 'sent-1' })
    expect(await world.db.messages.get('sent-1')).toMatchObject({
      provisional: 1,
      sender: 'property',
    })
  })

  it.each(['unknown_outcome', 'outcome_unknown', 'timeout'])(
    'reconciles an unknown outcome (%s) that did land without sending again',
    async (code) => {
      world = await syncedWorld()
      world.platform.fail('messages.send', { code, applied: true })
      const drain = createOutboxDrain(world.ctx)
      await send('c1', 'Your room is ready')
      expect(await drain.drain()).toMatchObject({ sent: 0, nextAttemptAt: expect.any(Number) })
      expect(await statesOf(world.db, 'c1')).toEqual(['unknown'])

      world.clock.advance(60 * SECOND)
      expect(await drain.drain()).toMatchObject({ sent: 1 })
      expect((await outboxOf(world.db, 'c1'))[0]).toMatchObject({
        state: 'sent',
        messageId: 'sent-1',
      })
      expect(world.platform.sentTexts('c1')).toEqual(['Your room is ready'])
      expect(world.platform.count('messages.send')).toBe(1)
    },
  )

  it('sends once an unknown outcome that did not land', async () => {
    world = await syncedWorld()
    world.platform.fail('messages.send', { code: 'unknown_outcome', applied: false })
    const drain = createOutboxDrain(world.ctx)
    await send('c1', 'Your room is ready')
    await drain.drain()
    world.clock.advance(60 * SECOND)
    expect(await drain.drain()).toMatchObject({ sent: 1 })
    expect(world.platform.sentTexts('c1')).toEqual(['Your room is ready'])
    expect(world.platform.calls.filter((c) => c.startsWith('conversations.get'))).toHaveLength(1)
  })

  it('does not take an earlier identical message, or one another record owns, for the lost one', async () => {
    world = await syncedWorld()
    const drain = createOutboxDrain(world.ctx)
    world.platform.otherDeskWrites('old', 'c1', 'p1', 'Thanks!')
    world.clock.advance(10 * 60 * SECOND)
    await send('c1', 'Thanks!')
    await drain.drain()
    world.platform.fail('messages.send', { code: 'unknown_outcome', applied: false })
    await send('c1', 'Thanks!')
    await drain.drain()
    world.clock.advance(60 * SECOND)
    await drain.drain()
    expect(world.platform.sentTexts('c1')).toEqual(['Thanks!', 'Thanks!', 'Thanks!'])
    expect((await outboxOf(world.db, 'c1')).map((r) => r.messageId)).toEqual(['sent-1', 'sent-2'])
  })

  it('reconciles a send a crash left in flight instead of sending it again', async () => {
    world = await syncedWorld()
    const record = await send('c1', 'See you tomorrow')
    await markSending(world.db, record.id, world.clock.now())
    // The request had reached the platform before the desk died.
    world.platform.otherDeskWrites('landed', 'c1', 'p1', 'See you tomorrow')
    expect(await createOutboxDrain(world.ctx).drain()).toMatchObject({ sent: 1 })
    expect(world.platform.count('messages.send')).toBe(0)
    expect((await outboxOf(world.db, 'c1'))[0]).toMatchObject({
      state: 'sent',
      messageId: 'landed',
    })
  })

  it('honours Retry-After to the millisecond', async () => {
    world = await syncedWorld()
    world.platform.fail('messages.send', { code: 'rate_limited', retryAfterMs: 30 * SECOND })
    const drain = createOutboxDrain(world.ctx)
    const start = world.clock.now()
    await send('c1', 'hello')
    expect(await drain.drain()).toMatchObject({
      sent: 0,
      stoppedBy: { kind: 'rate_limited', retryAfterMs: 30 * SECOND },
      nextAttemptAt: start + 30 * SECOND,
    })
    world.clock.advance(30 * SECOND - 1)
    expect(await drain.drain()).toMatchObject({ sent: 0 })
    expect(world.platform.count('messages.send')).toBe(1)
    world.clock.advance(1)
    expect(await drain.drain()).toMatchObject({ sent: 1 })
  })

  it('holds back the next message of a conversation while the first waits, but not other conversations', async () => {
    world = await syncedWorld()
    world.platform.fail('messages.send', { code: 'platform_unavailable', status: 503 })
    const drain = createOutboxDrain(world.ctx)
    await send('c1', 'one')
    await send('c1', 'two')
    await send('c2', 'other')
    expect(await drain.drain()).toMatchObject({
      sent: 1,
      nextAttemptAt: world.clock.now() + 2 * SECOND,
    })
    expect(world.platform.sentTexts('c1')).toEqual([])
    world.clock.advance(2 * SECOND)
    await drain.drain()
    expect(world.platform.sentTexts('c1')).toEqual(['one', 'two'])
  })

  it('turns a policy refusal into a failed record with its reasons; edited and retried, it is sent', async () => {
    world = await syncedWorld()
    world.platform.fail('messages.send', {
      code: 'policy_refused',
      reasons: [reason('linksDisabled')],
    })
    const drain = createOutboxDrain(world.ctx)
    const record = await send('c1', 'pay at http://evil.example')
    await send('c1', 'next message')
    expect(await drain.drain()).toMatchObject({ sent: 1, failed: 1 })
    const failed = await world.db.outbox.get(record.id)
    expect(failed).toMatchObject({ state: 'failed', failure: { code: 'policy_refused' } })
    expect(failed?.failure?.reasons.map((r) => r.code)).toEqual(['linksDisabled'])

    const retried = await retryOutboxRecord(world.db, record.id, {
      now: world.clock.now(),
      content: 'pay at the desk',
    })
    expect(retried).toMatchObject({ state: 'queued', attempts: 0, failure: null })
    await drain.drain()
    expect(world.platform.sentTexts('c1')).toEqual(['next message', 'pay at the desk'])
    expect(await retryOutboxRecord(world.db, record.id, { now: world.clock.now() })).toBeNull()
  })

  it('cancels a queued message before it is sent, never a sent one', async () => {
    world = await syncedWorld()
    const drain = createOutboxDrain(world.ctx)
    const queued = await send('c1', 'never mind')
    expect(await cancelOutboxRecord(world.db, queued.id)).toEqual({ ok: true })
    await drain.drain()
    expect(world.platform.count('messages.send')).toBe(0)

    const sent = await send('c1', 'kept')
    await drain.drain()
    expect(await cancelOutboxRecord(world.db, sent.id)).toEqual({ ok: false, state: 'sent' })
  })

  it('sets no reply needed and marks read on the platform, showing both at once', async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    const { pullQueue } = await import('@/sync/pull')
    await pullQueue(world.ctx)
    expect(await world.db.conversations.get('c1')).toMatchObject({ needsReply: 1, unreadCount: 1 })

    world.platform.setOffline(true)
    await enqueueNoReplyNeeded(world.db, { ...target('c1'), set: true }, { now: world.clock.now() })
    await enqueueMarkRead(world.db, target('c1'), { now: world.clock.now() })
    expect(await world.db.conversations.get('c1')).toMatchObject({ needsReply: 0, unreadCount: 0 })

    world.platform.setOffline(false)
    world.clock.advance(60 * SECOND)
    expect(await createOutboxDrain(world.ctx).drain()).toMatchObject({ sent: 2 })
    const tags = world.platform.conversations.get('c1')?.tags
    expect(tags?.no_reply_needed?.set).toBe(true)
    expect(tags?.message_read).toMatchObject({ message_ids: ['g1'], participant_id: 'property-p1' })
    expect(await world.db.conversations.get('c1')).toMatchObject({ needsReply: 0, unreadCount: 0 })
  })

  it("restores the platform's tag when a no-reply-needed action is refused", async () => {
    world = await syncedWorld()
    world.platform.guestWrites('g1', 'c1', 'p1')
    const { pullQueue } = await import('@/sync/pull')
    await pullQueue(world.ctx)
    world.platform.fail('tags.set', { code: 'platform_refused', status: 400 })
    await enqueueNoReplyNeeded(world.db, { ...target('c1'), set: true }, { now: world.clock.now() })
    expect((await world.db.conversations.get('c1'))?.needsReply).toBe(0)
    await createOutboxDrain(world.ctx).drain()
    expect((await world.db.conversations.get('c1'))?.needsReply).toBe(1)
  })

  it('runs one drain at a time: a second one answers at once without sending', async () => {
    world = await syncedWorld()
    const gate = deferred()
    const send_ = world.platform.port.messages.send.bind(world.platform.port.messages)
    world.ctx.port.messages.send = async (args) => {
      await gate.promise
      return send_(args)
    }
    await send('c1', 'slow')
    const first = createOutboxDrain(world.ctx).drain()
    await new Promise((r) => setTimeout(r, 20))
    expect(await createOutboxDrain(world.ctx).drain()).toMatchObject({ ran: false, sent: 0 })
    gate.resolve()
    expect(await first).toMatchObject({ ran: true, sent: 1 })
    expect(world.platform.sentTexts('c1')).toEqual(['slow'])
  })

  it('asks Web Locks for the drain lock only if it is available', async () => {
    world = await syncedWorld()
    const requests: unknown[] = []
    const locks: LockManagerLike = {
      request: async (name, options, callback) => {
        requests.push({ name, options })
        return callback(null)
      },
    }
    await send('c1', 'hello')
    expect(await createOutboxDrain(world.ctx, { locks }).drain()).toMatchObject({ ran: false })
    expect(requests).toEqual([{ name: DRAIN_LOCK, options: { ifAvailable: true } }])
    expect(world.platform.count('messages.send')).toBe(0)
  })
})
