import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { applyConversationUpdates, type InnboxDb } from '@/db'
import { addConversation, guestMessage, openDb, T0 } from '../conversation/world'

vi.mock('@/bridge', () => import('../conversation/fake-bridge'))
const { useInboxRows } = await import('@/features/inbox/useInboxRows')
const { useSyncStore } = await import('@/stores/sync')

let db: InnboxDb

beforeEach(() => {
  setActivePinia(createPinia())
  db = openDb(new IDBFactory())
})
afterEach(() => db.close())

describe('the list rows on screen', () => {
  it('keep the objects of the rows a write left unchanged, so only the changed row is drawn again', async () => {
    await addConversation(db, {
      conversationId: 'c1',
      messages: [guestMessage('m1', 'Hi', T0 - 60_000, 'c1')],
    })
    await addConversation(db, {
      conversationId: 'c2',
      messages: [guestMessage('m2', 'Hello', T0 - 60_000, 'c2')],
    })
    useSyncStore().db = db
    const scope = effectScope()
    const { rows } = scope.run(() => useInboxRows(ref(['c1', 'c2']), ref([])))!
    await vi.waitFor(() => expect(rows.value.size).toBe(2))
    const [c1, c2] = [rows.value.get('c1'), rows.value.get('c2')]

    await applyConversationUpdates(db, [{ conversationId: 'c1', markRead: ['m1'] }])
    await vi.waitFor(() => expect(rows.value.get('c1')?.conversation.unreadCount).toBe(0))
    expect(rows.value.get('c1')).not.toBe(c1)
    expect(rows.value.get('c2')).toBe(c2)
    scope.stop()
  })
})
