import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claimStoreIdentity,
  enqueueSend,
  markSending,
  markSent,
  unsentTextReplies,
  type InnboxDb,
} from '@/db'
import { T0, freshDb } from './builders'

let db: InnboxDb
beforeEach(() => {
  db = freshDb()
})
afterEach(() => db.close())

const reply = (id: string, createdAt: number, content = `reply ${id}`) => ({
  id,
  propertyId: 'p1',
  conversationId: 'c1',
  content,
  createdAt,
})

describe('the store identity', () => {
  it('is made once and kept; without a copy in the desk folder nothing is called lost', async () => {
    const first = await claimStoreIdentity(db, null, T0)
    expect(first).toMatchObject({ lost: false, restored: 0 })
    expect(first.storeId).toMatch(/^[0-9a-f-]{36}$/)
    // The desk folder's copy of this very store does not make it lost either.
    const again = await claimStoreIdentity(db, { storeId: first.storeId, replies: [] }, T0 + 1)
    expect(again).toEqual({ storeId: first.storeId, lost: false, restored: 0 })
  })

  it('puts the copied replies back into a store made anew, as unknown, in order, once', async () => {
    await enqueueSend(
      db,
      { propertyId: 'p1', conversationId: 'c1', content: 'already here' },
      {
        now: T0,
        id: 'r-present',
      },
    )
    const mirror = {
      storeId: 'the-deleted-store',
      replies: [reply('r-2', T0 + 20), reply('r-1', T0 + 10), reply('r-present', T0)],
    }
    const found = await claimStoreIdentity(db, mirror, T0 + 100)
    expect(found).toMatchObject({ lost: true, restored: 2 })
    expect(found.storeId).not.toBe('the-deleted-store')
    const rows = await db.outbox.orderBy('seq').toArray()
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['r-present', 'queued'],
      ['r-1', 'unknown'],
      ['r-2', 'unknown'],
    ])
    expect(rows[1]).toMatchObject({
      conversationId: 'c1',
      createdAt: T0 + 10,
      action: { kind: 'send', content: 'reply r-1', attachments: [] },
    })
    // A second start finds the new id: nothing is restored twice.
    expect(await claimStoreIdentity(db, mirror, T0 + 200)).toEqual({
      storeId: found.storeId,
      lost: false,
      restored: 0,
    })
    expect(await db.outbox.count()).toBe(3)
  })
})

describe('the replies the desk folder keeps', () => {
  it('are the text replies not sent yet, oldest first', async () => {
    const c1 = { propertyId: 'p1', conversationId: 'c1' }
    await enqueueSend(db, { ...c1, content: 'queued' }, { now: T0, id: 'a' })
    await enqueueSend(db, { ...c1, content: 'in flight' }, { now: T0 + 1, id: 'b' })
    await enqueueSend(db, { ...c1, content: 'gone out' }, { now: T0 + 2, id: 'c' })
    const photo = { fileName: 'room.jpg', fileType: 'image/jpeg', bytes: new Uint8Array([1]) }
    await enqueueSend(
      db,
      { ...c1, content: 'with a photo', attachments: [photo] },
      {
        now: T0 + 3,
        id: 'd',
      },
    )
    await markSending(db, 'b', T0 + 5)
    await markSending(db, 'c', T0 + 5)
    await markSent(db, 'c', { now: T0 + 6, messageId: 'm-c' })
    expect(await unsentTextReplies(db, 100)).toEqual([
      { id: 'a', propertyId: 'p1', conversationId: 'c1', content: 'queued', createdAt: T0 },
      { id: 'b', propertyId: 'p1', conversationId: 'c1', content: 'in flight', createdAt: T0 + 1 },
    ])
    expect(await unsentTextReplies(db, 1)).toHaveLength(1)
  })
})
