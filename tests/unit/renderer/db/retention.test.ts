import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyConversationUpdates,
  enqueueSend,
  markFailed,
  markSending,
  markSent,
  outboxOf,
  purgeExpired,
  readCounters,
  recount,
  saveDraft,
  storeAttachmentBytes,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { DAY, T0, freshDb, message, property, reservation } from './builders'

let db: InnboxDb
beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [property('p1')])
  await writeReservations(db, 'p1', [
    // Checked out 2024-02-20 11:00 Lisbon: readable until 2025-02-20 11:00 (rule 3).
    reservation('r-old', {
      propertyId: 'p1',
      conversationId: 'old',
      checkin: '2024-02-18',
      checkout: '2024-02-20',
      booked_at: '2024-01-01T00:00:00.000Z',
    }),
    reservation('r-new', { propertyId: 'p1', conversationId: 'new' }),
  ])
  for (const id of ['old', 'new']) {
    const m = message({
      id: `g-${id}`,
      conversationId: id,
      propertyId: 'p1',
      at: T0 - 400 * DAY,
      attachmentIds: [`a-${id}`],
    })
    await applyConversationUpdates(db, [{ conversationId: id, messages: [m] }])
    await db.translations.put({
      messageId: `g-${id}`,
      language: 'en',
      conversationId: id,
      text: 'hi',
      provider: 'test',
      translatedAt: T0,
    })
    await storeAttachmentBytes(
      db,
      { attachmentId: `a-${id}`, conversationId: id, metadata: null, bytes: new Uint8Array(10) },
      { now: T0 },
    )
    await saveDraft(db, id, 'unsent thoughts', T0)
  }
})
afterEach(() => db.close())

const target = (conversationId: string) => ({ propertyId: 'p1', conversationId })

describe('retention (rule 3)', () => {
  it('purges conversations past the read window with everything attached to them', async () => {
    expect((await db.conversations.get('old'))?.readClosesAt).toBe(
      Date.parse('2025-02-20T11:00:00.000Z'),
    )
    expect(await purgeExpired(db, Date.parse('2025-02-20T10:59:59.999Z'))).toEqual({
      conversations: 0,
      failedOutboxRecords: 0,
    })

    expect(await purgeExpired(db, T0)).toEqual({ conversations: 1, failedOutboxRecords: 0 })
    expect(await db.conversations.toCollection().primaryKeys()).toEqual(['new'])
    expect((await db.messages.toArray()).map((m) => m.messageId)).toEqual(['g-new'])
    expect((await db.attachments.toArray()).map((a) => a.attachmentId)).toEqual(['a-new'])
    expect((await db.translations.toArray()).map((t) => t.conversationId)).toEqual(['new'])
    expect((await db.drafts.toArray()).map((d) => d.conversationId)).toEqual(['new'])
    expect((await db.reservations.toArray()).map((r) => r.conversationId)).toEqual(['new'])
    expect(await readCounters(db)).toEqual([
      {
        propertyId: 'p1',
        conversations: 1,
        unreadConversations: 1,
        unreadMessages: 1,
        needsReply: 1,
      },
    ])
    expect(await recount(db)).toEqual([])
  })

  it("turns the purged conversation's unsent outbox records into failed ones with the reason", async () => {
    const queued = await enqueueSend(db, { ...target('old'), content: 'still there?' }, { now: T0 })
    const refused = await enqueueSend(db, { ...target('old'), content: 'refused' }, { now: T0 })
    await markSending(db, refused.id, T0)
    await markFailed(db, refused.id, {
      now: T0,
      failure: { code: 'platform_refused', message: 'no', reasons: [] },
    })
    const sent = await enqueueSend(db, { ...target('old'), content: 'sent long ago' }, { now: T0 })
    await markSending(db, sent.id, T0)
    await markSent(db, sent.id, { now: T0, messageId: 'x' })
    const elsewhere = await enqueueSend(db, { ...target('new'), content: 'kept' }, { now: T0 })

    expect(await purgeExpired(db, T0)).toEqual({ conversations: 1, failedOutboxRecords: 2 })
    const left = await outboxOf(db, 'old')
    expect(left.map((r) => [r.id, r.state, r.failure?.code])).toEqual([
      [queued.id, 'failed', 'conversationExpired'],
      [refused.id, 'failed', 'conversationExpired'],
    ])
    expect(left[0]?.failure?.reasons).toMatchObject([
      {
        code: 'conversationExpired',
        rule: 3,
        values: { until: Date.parse('2025-02-20T11:00:00.000Z') },
      },
    ])
    expect((await outboxOf(db, 'new')).map((r) => [r.id, r.state])).toEqual([
      [elsewhere.id, 'queued'],
    ])
    expect(await purgeExpired(db, T0 + DAY)).toEqual({ conversations: 0, failedOutboxRecords: 0 })
  })
})
