import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  acknowledgeConflict,
  applyConversationUpdates,
  enqueueSend,
  InnboxDb,
  markSending,
  markSent,
  readDraft,
  replyConflict,
  saveDraft,
} from '@/db'
import { HOUR, T0, message } from './builders'

function open(factory: IDBFactory) {
  return new InnboxDb('drafts', { indexedDB: factory, IDBKeyRange })
}

describe('drafts', () => {
  it('survive a restart, keep when they started, and vanish when emptied', async () => {
    const factory = new IDBFactory()
    const first = open(factory)
    await saveDraft(first, 'c1', 'Dear', T0)
    await saveDraft(first, 'c1', 'Dear guest,', T0 + 1000)
    first.close()
    const second = open(factory)
    expect(await readDraft(second, 'c1')).toMatchObject({
      text: 'Dear guest,',
      startedAt: T0,
      updatedAt: T0 + 1000,
    })
    await saveDraft(second, 'c1', '   ', T0 + 2000)
    expect(await readDraft(second, 'c1')).toBeUndefined()
    second.close()
  })

  it("warn when another desk replied after the draft started, not about this desk's own messages", async () => {
    const db = open(new IDBFactory())
    const guest = message({ id: 'g1', conversationId: 'c1', propertyId: 'p1', at: T0 })
    await applyConversationUpdates(db, [
      { conversationId: 'c1', propertyId: 'p1', messages: [guest] },
    ])
    // A message queued earlier is sent while the next one is being written.
    const ours = await enqueueSend(
      db,
      { propertyId: 'p1', conversationId: 'c1', content: 'ok' },
      { now: T0 + HOUR },
    )
    await saveDraft(db, 'c1', 'We can offer', T0 + HOUR)
    expect(await replyConflict(db, 'c1')).toEqual([])
    await markSending(db, ours.id, T0 + HOUR)
    await markSent(db, ours.id, { now: T0 + HOUR + 1, messageId: 'ours' })
    expect(await db.messages.get('ours')).toBeDefined()
    expect(await replyConflict(db, 'c1')).toEqual([])

    const other = message({
      id: 'o1',
      conversationId: 'c1',
      propertyId: 'p1',
      from: 'property',
      at: T0 + 2 * HOUR,
    })
    await applyConversationUpdates(db, [{ conversationId: 'c1', messages: [other] }])
    expect((await replyConflict(db, 'c1')).map((m) => m.messageId)).toEqual(['o1'])

    await acknowledgeConflict(db, 'c1')
    expect(await replyConflict(db, 'c1')).toEqual([])
    db.close()
  })
})
