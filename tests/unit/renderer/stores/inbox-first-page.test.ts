import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, type InnboxDb } from '@/db'
import type { ListResult } from '@/search/read-model'
import { HOUR, T0, freshDb, message, property } from '../db/builders'

// Until the read model (in its worker) has read the whole store, the inbox shows the plain
// list's first rows read from the indexes; the read model's answers take over once loaded.
// The read model is replaced by a port the test answers by hand, to hold it at "not loaded".

const answer = vi.hoisted(() => ({ send: null as ((result: ListResult) => void) | null }))
vi.mock('@/bridge', () => ({ desk: {} }))
vi.mock('@/search/client', () => ({
  createInboxQueryClient: () => ({
    setQuery: () => {},
    onResult: (listener: (result: ListResult) => void) => {
      answer.send = listener
      return () => {}
    },
    onFailure: () => () => {},
    stats: () => Promise.resolve(null),
    dispose: () => {},
  }),
}))
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

let db: InnboxDb

const notLoaded: ListResult = {
  loaded: false,
  partial: false,
  ids: [],
  total: 0,
  matches: null,
  terms: [],
  index: { ready: false, indexedMessages: 0, totalMessages: 0 },
  tookMs: 0,
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  sessionStorage.clear()
  db = freshDb()
  await writeProperties(db, [property('p1'), property('p2')])
  const guest = (id: string, c: string, p: string, at: number) =>
    message({ id, conversationId: c, propertyId: p, at })
  await applyConversationUpdates(db, [
    { conversationId: 'a', messages: [guest('m1', 'a', 'p1', T0 - 2 * HOUR)] },
    { conversationId: 'b', messages: [guest('m2', 'b', 'p1', T0 - 5 * HOUR)] },
    {
      conversationId: 'c',
      messages: [
        guest('m3', 'c', 'p2', T0 - HOUR),
        message({ id: 'm4', conversationId: 'c', propertyId: 'p2', from: 'property', at: T0 }),
      ],
    },
  ])
})
afterEach(() => {
  db.close()
  vi.useRealTimers()
})

function openInbox() {
  setActivePinia(createPinia())
  useSyncStore().db = db
  return useInboxStore()
}

describe('the inbox at start', () => {
  it('shows the first rows and the count before the read model has read the store', async () => {
    const inbox = openInbox()
    answer.send!(notLoaded)
    // Owed replies by deadline first (b is older, so due sooner), then the rest by activity.
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['b', 'a', 'c']))
    expect(inbox.result?.partial).toBe(true)
    expect(inbox.result?.total).toBe(3)
    expect(inbox.loading).toBe(false)
    expect(inbox.listSettled).toBe(false)
  })

  it('hands over to the read model once it has answered', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.result?.partial).toBe(true))
    answer.send!({ ...notLoaded, loaded: true, ids: ['b', 'a', 'c'], total: 3 })
    expect(inbox.result?.partial).toBe(false)
    expect(inbox.listSettled).toBe(true)
  })

  it('counts the answers it takes, the first rows and the read model’s alike', async () => {
    const inbox = openInbox()
    expect(inbox.answers).toBe(0)
    await vi.waitFor(() => expect(inbox.result?.partial).toBe(true))
    expect(inbox.answers).toBe(1)
    answer.send!({ ...notLoaded, loaded: true, ids: ['b', 'a', 'c'], total: 3 })
    answer.send!({ ...notLoaded, loaded: true, ids: ['b', 'a', 'c'], total: 3 })
    expect(inbox.answers).toBe(3)
  })

  it('shows no first rows for a query they do not answer', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.result?.partial).toBe(true))
    inbox.setFilters({ unread: true })
    answer.send!(notLoaded)
    expect(inbox.result?.loaded).toBe(false)
    expect(inbox.loading).toBe(true)
    inbox.clearFilters()
    inbox.selectProperty('p2')
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['c']))
    expect(inbox.result?.total).toBe(1)
  })
})
