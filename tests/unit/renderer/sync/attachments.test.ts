import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { loadAttachment } from '@/sync/attachments'
import { syncedWorld, type World } from './harness'

let world: World
afterEach(() => world?.db.close())

describe('loading a photo', () => {
  it('downloads once, then serves it from the cache', async () => {
    world = await syncedWorld(['c1'])
    const uploaded = await world.platform.port.attachments.upload({
      propertyId: 'p1',
      conversationId: 'c1',
      fileName: 'door.jpg',
      fileType: 'image/jpeg',
      bytes: new Uint8Array([1, 2, 3]),
    })
    if (!uploaded.ok) throw new Error('upload failed')
    const ref = {
      propertyId: 'p1',
      conversationId: 'c1',
      attachmentId: uploaded.value.attachmentId,
    }
    const first = await loadAttachment(world.ctx, ref)
    const second = await loadAttachment(world.ctx, ref)
    expect(first).toMatchObject({
      ok: true,
      value: { bytes: new Uint8Array([1, 2, 3]), metadata: { file_type: 'image/jpeg' } },
    })
    expect(second).toMatchObject({ ok: true, value: { bytes: new Uint8Array([1, 2, 3]) } })
    expect(world.platform.count('attachments.get')).toBe(1)
  })

  it('hands back a photo larger than the whole cache without keeping its bytes', async () => {
    world = await syncedWorld(['c1'])
    const uploaded = await world.platform.port.attachments.upload({
      propertyId: 'p1',
      conversationId: 'c1',
      fileName: 'big.jpg',
      fileType: 'image/jpeg',
      bytes: new Uint8Array(100),
    })
    if (!uploaded.ok) throw new Error('upload failed')
    const ref = {
      propertyId: 'p1',
      conversationId: 'c1',
      attachmentId: uploaded.value.attachmentId,
    }
    expect(await loadAttachment(world.ctx, ref, 10)).toMatchObject({
      ok: true,
      value: { byteSize: 100 },
    })
    expect(await world.db.attachments.get(ref.attachmentId)).toMatchObject({
      bytes: null,
      metadata: { file_name: 'a.jpg' },
    })
  })
})
