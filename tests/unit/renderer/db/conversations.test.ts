import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addReservationConversations,
  applyConversationUpdates,
  messagesOf,
  readCounters,
  recount,
  writeProperties,
  writeReservations,
  type ConversationRecord,
  type InnboxDb,
} from '@/db'
import { DAY, HOUR, T0, conversation, freshDb, message, property, reservation } from './builders'

let db: InnboxDb
beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [property('p1')])
})
afterEach(() => db.close())

const facts = (c: ReturnType<typeof conversation>, hydrated = true) => ({
  conversationType: c.conversation_type,
  reservationId: c.conversation_reference ?? null,
  participants: c.participants,
  tags: c.tags,
  hydrated,
})

describe('the conversation write path', () => {
  it('derives needs reply, the rule 2 deadline and unread from the messages', async () => {
    const guest = message({ id: 'm1', conversationId: 'c1', propertyId: 'p1', at: T0 })
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        propertyId: 'p1',
        facts: facts(conversation('c1', 'p1')),
        messages: [guest],
      },
    ])
    const row = await db.conversations.get('c1')
    expect(row).toMatchObject({
      needsReply: 1,
      replyDeadline: T0 + 14 * DAY,
      replyTargetAt: T0 + 24 * HOUR,
      unreadCount: 1,
      lastActivityAt: T0,
      lastMessageId: 'm1',
      hydrated: 1,
    })
    expect(await readCounters(db)).toEqual([
      {
        propertyId: 'p1',
        conversations: 1,
        unreadConversations: 1,
        unreadMessages: 1,
        needsReply: 1,
      },
    ])
  })

  it('stores a re-delivered message once and leaves the counters as they were', async () => {
    const guest = message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })
    const first = await applyConversationUpdates(db, [{ conversationId: 'c1', messages: [guest] }])
    const again = await applyConversationUpdates(db, [
      { conversationId: 'c1', messages: [guest, guest] },
    ])
    expect(first.newMessageIds).toEqual(['m1'])
    expect(again.newMessageIds).toEqual([])
    expect(await messagesOf(db, 'c1')).toHaveLength(1)
    expect(await recount(db)).toEqual([])
    expect((await readCounters(db))[0]?.unreadMessages).toBe(1)
  })

  it('clears needs reply when the property answers and keeps read state across re-delivery', async () => {
    const guest = message({ id: 'm1', conversationId: 'c1', propertyId: 'p1', at: T0 })
    await applyConversationUpdates(db, [{ conversationId: 'c1', messages: [guest] }])
    await applyConversationUpdates(db, [{ conversationId: 'c1', markRead: 'all' }])
    const reply = message({
      id: 'm2',
      conversationId: 'c1',
      propertyId: 'p1',
      from: 'property',
      at: T0 + HOUR,
    })
    await applyConversationUpdates(db, [{ conversationId: 'c1', messages: [guest, reply] }])
    expect(await db.conversations.get('c1')).toMatchObject({
      needsReply: 0,
      unreadCount: 0,
      replyDeadline: null,
    })
    expect(await readCounters(db)).toEqual([
      {
        propertyId: 'p1',
        conversations: 1,
        unreadConversations: 0,
        unreadMessages: 0,
        needsReply: 0,
      },
    ])
  })

  it('takes the reservation into the conversation: guest name, stay dates and the rule 3 read window', async () => {
    await writeReservations(db, 'p1', [
      reservation('r1', { propertyId: 'p1', conversationId: 'c1' }),
    ])
    const row = await db.conversations.get('c1')
    // Check-out 2025-03-12 at 11:00 in Lisbon (UTC+0 in March) + 1 year.
    expect(row).toMatchObject({
      guestName: 'Guest r1',
      checkin: '2025-03-10',
      checkout: '2025-03-12',
      readClosesAt: Date.parse('2026-03-12T11:00:00.000Z'),
      needsReply: 0,
    })
  })

  it('re-derives deadlines when a property changes its time zone', async () => {
    await writeReservations(db, 'p1', [
      reservation('r1', { propertyId: 'p1', conversationId: 'c1' }),
    ])
    await writeProperties(db, [property('p1', { time_zone: 'America/New_York' })])
    // 11:00 in New York on 2026-03-12 is EDT (UTC-4).
    expect((await db.conversations.get('c1'))?.readClosesAt).toBe(
      Date.parse('2026-03-12T15:00:00.000Z'),
    )
  })

  it('without creating conversations, re-derives the stored ones and adds the missing ones later', async () => {
    await writeReservations(db, 'p1', [
      reservation('r1', { propertyId: 'p1', conversationId: 'c1' }),
    ])
    const moved = reservation('r1', { propertyId: 'p1', conversationId: 'c1' })
    moved.checkout = '2025-03-14'
    await writeReservations(
      db,
      'p1',
      [moved, reservation('r2', { propertyId: 'p1', conversationId: 'c2' })],
      { createConversations: false },
    )
    // c1 is stored: it follows its booking; c2 is not: no row yet.
    expect(await db.conversations.get('c1')).toMatchObject({ checkout: '2025-03-14' })
    expect(await db.conversations.get('c2')).toBeUndefined()
    expect(await addReservationConversations(db, 'p1')).toBe(1)
    expect(await db.conversations.get('c2')).toMatchObject({
      propertyId: 'p1',
      reservationId: 'r2',
      guestName: 'Guest r2',
    })
    expect(await addReservationConversations(db, 'p1')).toBe(0)
    expect(await recount(db)).toEqual([])
  })

  it('does not create a conversation it was only asked to re-derive', async () => {
    await applyConversationUpdates(db, [{ conversationId: 'nowhere' }])
    expect(await db.conversations.count()).toBe(0)
  })

  it('stores the messages a message_read tag lists as read in their first write', async () => {
    const rewrites: string[] = []
    db.messages.hook('updating', (_changes, key) => {
      rewrites.push(String(key))
    })
    const read = message({ id: 'm1', conversationId: 'c1', propertyId: 'p1', at: T0 })
    const unread = message({ id: 'm2', conversationId: 'c1', propertyId: 'p1', at: T0 + HOUR })
    const listed = conversation('c1', 'p1', [], { tags: { message_read: { message_ids: ['m1'] } } })
    await applyConversationUpdates(db, [
      { conversationId: 'c1', propertyId: 'p1', facts: facts(listed), messages: [read, unread] },
    ])
    expect((await messagesOf(db, 'c1')).map((m) => [m.messageId, m.read])).toEqual([
      ['m1', 1],
      ['m2', 0],
    ])
    expect((await db.conversations.get('c1'))?.unreadCount).toBe(1)
    expect(rewrites).toEqual([])
  })

  it('rebuilds many conversations in one write exactly as one at a time', async () => {
    const updatesOf = (n: number) => {
      const id = `c${n}`
      const guest = message({ id: `${id}-g`, conversationId: id, propertyId: 'p1', at: T0 + n })
      const reply = message({
        id: `${id}-p`,
        conversationId: id,
        propertyId: 'p1',
        from: 'property',
        at: T0 + n + HOUR,
      })
      return {
        conversationId: id,
        propertyId: 'p1',
        messages: n % 3 === 0 ? [guest] : [guest, reply],
      }
    }
    const other = freshDb()
    await writeProperties(other, [property('p1')])
    const all = Array.from({ length: 30 }, (_, n) => updatesOf(n))
    await applyConversationUpdates(db, all)
    for (const update of all) await applyConversationUpdates(other, [update])
    // The same rows but for their write's number: one write, or thirty in order.
    const rows = await db.conversations.toArray()
    const oneByOne = await other.conversations.toArray()
    expect(rows.map((row) => row.written)).toEqual(all.map(() => 1))
    const numbers = (list: ConversationRecord[]) =>
      Object.fromEntries(list.map((row) => [row.conversationId, row.written]))
    expect(numbers(oneByOne)).toEqual(
      Object.fromEntries(all.map((update, n) => [update.conversationId, n + 1])),
    )
    const unnumbered = ({ written: _, ...row }: ConversationRecord) => row
    expect(rows.map(unnumbered)).toEqual(oneByOne.map(unnumbered))
    expect(await readCounters(db)).toEqual(await readCounters(other))
    expect(await recount(db)).toEqual([])
    other.close()
  })
})
