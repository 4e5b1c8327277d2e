import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyConversationUpdates,
  evictAllBytes,
  readAttachment,
  storeAttachmentBytes,
  type InnboxDb,
} from '@/db'
import { T0, freshDb, message } from './builders'

let db: InnboxDb
beforeEach(() => {
  db = freshDb()
})
afterEach(() => db.close())

const bytes = (n: number) => new Uint8Array(n).fill(7)
const meta = (id: string, size: number) => ({
  attachment_id: id,
  file_name: `${id}.jpg`,
  file_type: 'image/jpeg',
  file_size: size,
})

async function store(id: string, size: number, now: number) {
  await storeAttachmentBytes(
    db,
    { attachmentId: id, conversationId: 'c1', metadata: meta(id, size), bytes: bytes(size) },
    { now, capBytes: 1000 },
  )
}

describe('attachment cache', () => {
  it('records the attachments a message lists, without bytes', async () => {
    const m = message({
      id: 'm1',
      conversationId: 'c1',
      propertyId: 'p1',
      attachmentIds: ['a1', 'a2'],
    })
    await applyConversationUpdates(db, [{ conversationId: 'c1', messages: [m] }])
    expect(await db.attachments.toArray()).toMatchObject([
      { attachmentId: 'a1', messageId: 'm1', bytes: null },
      { attachmentId: 'a2', messageId: 'm1', bytes: null },
    ])
  })

  it('records the attachments of several messages in one write, each once, and keeps stored bytes', async () => {
    await store('a1', 100, T0)
    const messages = [
      message({ id: 'm1', conversationId: 'c1', propertyId: 'p1', attachmentIds: ['a1', 'a2'] }),
      message({ id: 'm2', conversationId: 'c1', propertyId: 'p1', attachmentIds: ['a2', 'a3'] }),
      message({ id: 'm3', conversationId: 'c2', propertyId: 'p1', attachmentIds: ['a4'] }),
    ]
    await applyConversationUpdates(db, [
      { conversationId: 'c1', messages: messages.slice(0, 2) },
      { conversationId: 'c2', messages: messages.slice(2) },
    ])
    expect(await db.attachments.toArray()).toMatchObject([
      { attachmentId: 'a1', byteSize: 100 },
      { attachmentId: 'a2', conversationId: 'c1', messageId: 'm1', bytes: null },
      { attachmentId: 'a3', conversationId: 'c1', messageId: 'm2', bytes: null },
      { attachmentId: 'a4', conversationId: 'c2', messageId: 'm3', bytes: null },
    ])
  })

  it('evicts the least recently used bytes over the cap and keeps every metadata row', async () => {
    await store('a1', 400, T0)
    await store('a2', 400, T0 + 1)
    await readAttachment(db, 'a1', T0 + 2)
    await store('a3', 400, T0 + 3)
    const rows = await db.attachments.orderBy('attachmentId').toArray()
    expect(rows.map((r) => [r.attachmentId, r.bytes?.byteLength ?? null])).toEqual([
      ['a1', 400],
      ['a2', null],
      ['a3', 400],
    ])
    expect(rows.map((r) => r.metadata?.file_size)).toEqual([400, 400, 400])
  })

  it('frees every byte on demand (a full disk) and keeps the metadata', async () => {
    await store('a1', 300, T0)
    await store('a2', 300, T0 + 1)
    expect(await evictAllBytes(db)).toBe(600)
    expect((await db.attachments.toArray()).map((r) => [r.bytes, r.metadata?.file_name])).toEqual([
      [null, 'a1.jpg'],
      [null, 'a2.jpg'],
    ])
  })
})
