import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyConversationUpdates, writeProperties, writeReservations, type InnboxDb } from '@/db'
import {
  allConversations,
  cancelledReservations,
  reservationsCancelled,
  allProperties,
  inboxRows,
  messagesAfter,
  messagesOfConversations,
  propertySummaries,
} from '@/db/inbox-queries'
import { DAY, T0, freshDb, message, property, reservation } from './builders'

let db: InnboxDb
beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [
    property('p1', { name: 'Zimmerhaus' }),
    property('p2', { name: 'Albergo', time_zone: 'Europe/Rome' }),
  ])
  await writeReservations(db, 'p1', [
    reservation('r1', {
      propertyId: 'p1',
      conversationId: 'c1',
      status: 'cancelled',
      cancelled_at: new Date(T0).toISOString(),
    }),
  ])
  await applyConversationUpdates(db, [
    {
      conversationId: 'c1',
      messages: [
        message({ id: 'b', conversationId: 'c1', propertyId: 'p1', at: T0 }),
        message({ id: 'a', conversationId: 'c1', propertyId: 'p1', at: T0 - DAY }),
      ],
    },
    {
      conversationId: 'c2',
      messages: [message({ id: 'c', conversationId: 'c2', propertyId: 'p2' })],
    },
  ])
})
afterEach(() => db.close())

describe("the inbox's queries", () => {
  it('list every property by name with its counters, zero for one without conversations', async () => {
    await writeProperties(db, [property('p3', { name: 'Motel' })])
    const summaries = await propertySummaries(db)
    expect(summaries.map((s) => s.name)).toEqual(['Albergo', 'Motel', 'Zimmerhaus'])
    expect(summaries[0]).toMatchObject({ timeZone: 'Europe/Rome', checkoutTime: '11:00' })
    expect(summaries[1]!.counters).toMatchObject({ conversations: 0, needsReply: 0 })
    expect(summaries[2]!.counters).toMatchObject({
      conversations: 1,
      unreadConversations: 1,
      unreadMessages: 2,
    })
  })

  it('read every conversation a page at a time, and the cancelled stays', async () => {
    await applyConversationUpdates(
      db,
      ['c3', 'c4', 'c5'].map((id) => ({
        conversationId: id,
        messages: [message({ id: `m-${id}`, conversationId: id, propertyId: 'p2' })],
      })),
    )
    const rows = await allConversations(db, 2)
    expect(rows.map((c) => c.conversationId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    expect((await allConversations(db, 5)).map((c) => c.conversationId)).toHaveLength(5)
    expect([...(await cancelledReservations(db, 1))]).toEqual(['r1'])
    expect(await allProperties(db)).toHaveLength(2)
    await writeReservations(db, 'p2', [
      reservation('r2', { propertyId: 'p2', conversationId: 'c2', status: 'confirmed' }),
    ])
    expect(await reservationsCancelled(db, ['r1', 'r2', 'gone'])).toEqual([true, false, undefined])
  })

  it('page through messages in key order for the first index build', async () => {
    expect((await messagesAfter(db, null, 2)).map((m) => m.messageId)).toEqual(['a', 'b'])
    expect((await messagesAfter(db, 'b', 2)).map((m) => m.messageId)).toEqual(['c'])
    const grouped = await messagesOfConversations(db, ['c1', 'zz'])
    expect(grouped.get('c1')!.map((m) => m.messageId)).toEqual(['a', 'b'])
    expect(grouped.get('zz')).toEqual([])
  })

  it('read only the rows on screen, with their reservation and matched message', async () => {
    const rows = await inboxRows(db, ['c2', 'c1', 'gone'], ['a'])
    expect([...rows.keys()]).toEqual(['c2', 'c1'])
    expect(rows.get('c1')!.reservation?.reservation.status).toBe('cancelled')
    expect(rows.get('c1')!.match?.messageId).toBe('a')
    expect(rows.get('c2')!.match).toBeUndefined()
  })
})
