import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyConversationUpdates,
  arrivals,
  conversationsByActivity,
  needsReplyByDeadline,
  saveTranslation,
  translationOf,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { DAY, HOUR, T0, freshDb, message, property, reservation } from './builders'

let db: InnboxDb
beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [property('p1'), property('p2')])
  const guest = (id: string, c: string, p: string, at: number) =>
    message({ id, conversationId: c, propertyId: p, at })
  await applyConversationUpdates(db, [
    { conversationId: 'a', messages: [guest('m-a', 'a', 'p1', T0)] },
    { conversationId: 'b', messages: [guest('m-b', 'b', 'p1', T0 - DAY)] },
    {
      conversationId: 'c',
      messages: [
        guest('m-c', 'c', 'p1', T0 + HOUR),
        message({
          id: 'r-c',
          conversationId: 'c',
          propertyId: 'p1',
          from: 'property',
          at: T0 + 2 * HOUR,
        }),
      ],
    },
    { conversationId: 'd', messages: [guest('m-d', 'd', 'p2', T0 - 2 * DAY)] },
  ])
})
afterEach(() => db.close())

const ids = (rows: { conversationId: string }[]) => rows.map((r) => r.conversationId)

describe("the screens' queries", () => {
  it("list a property's conversations by last activity, newest first, paged", async () => {
    expect(ids(await conversationsByActivity(db, 'p1'))).toEqual(['c', 'a', 'b'])
    expect(
      ids(await conversationsByActivity(db, 'p1', { limit: 1, before: T0 + 2 * HOUR })),
    ).toEqual(['a'])
  })

  it('list unanswered conversations by rule 2 deadline, across properties or within one', async () => {
    expect(ids(await needsReplyByDeadline(db))).toEqual(['d', 'b', 'a'])
    expect(ids(await needsReplyByDeadline(db, { propertyId: 'p1' }))).toEqual(['b', 'a'])
    // From the instant b's 14 days are over, it can no longer be answered.
    expect(ids(await needsReplyByDeadline(db, { from: T0 - DAY + 14 * DAY + 1 }))).toEqual(['a'])
  })

  it('list arrivals by check-in date', async () => {
    await writeReservations(db, 'p1', [
      reservation('r1', {
        propertyId: 'p1',
        conversationId: 'a',
        checkin: '2025-03-10',
        checkout: '2025-03-12',
      }),
      reservation('r2', {
        propertyId: 'p1',
        conversationId: 'b',
        checkin: '2025-03-02',
        checkout: '2025-03-05',
      }),
      reservation('r3', {
        propertyId: 'p1',
        conversationId: 'c',
        checkin: '2025-04-01',
        checkout: '2025-04-05',
      }),
    ])
    expect(ids(await arrivals(db, 'p1', '2025-03-01', '2025-03-31'))).toEqual(['b', 'a'])
  })

  it('keep translations per message and language', async () => {
    await saveTranslation(db, {
      messageId: 'm-a',
      language: 'de',
      conversationId: 'a',
      text: 'Hallo',
      provider: 'none',
      translatedAt: T0,
    })
    expect((await translationOf(db, 'm-a', 'de'))?.text).toBe('Hallo')
    expect(await translationOf(db, 'm-a', 'fr')).toBeUndefined()
  })
})
