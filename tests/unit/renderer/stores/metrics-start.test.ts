import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, type InnboxDb } from '@/db'
import type * as MetricsClientModule from '@/metrics/client'
import type { ListResult } from '@/search/read-model'
import { HOUR, T0, freshDb, message, property } from '../db/builders'

// At start the reply score's worker (which reads every message) waits until the inbox list
// shows its first rows: the list is what the desk looks at first. Then it waits for a pause in
// the desk's use. The inbox's read model is a port the test
// answers by hand.

const inboxAnswer = vi.hoisted(() => ({ send: null as ((result: ListResult) => void) | null }))
vi.mock('@/bridge', () => ({ desk: {} }))
vi.mock('@/search/client', () => ({
  createInboxQueryClient: () => ({
    setQuery: () => {},
    onResult: (listener: (result: ListResult) => void) => {
      inboxAnswer.send = listener
      return () => {}
    },
    onFailure: () => () => {},
    stats: () => Promise.resolve(null),
    dispose: () => {},
  }),
}))
vi.mock('@/metrics/client', async (importOriginal) => {
  const real = await importOriginal<typeof MetricsClientModule>()
  return { ...real, createMetricsClient: vi.fn(real.createMetricsClient) }
})
const { createMetricsClient } = await import('@/metrics/client')
const { useMetricsStore, QUIET_MS, MAX_WAIT_MS } = await import('@/stores/metrics')
const { useSyncStore } = await import('@/stores/sync')
const { useInboxStore } = await import('@/stores/inbox')

let db: InnboxDb

const listAnswer = (loaded: boolean): ListResult => ({
  loaded,
  partial: false,
  ids: loaded ? ['a'] : [],
  total: loaded ? 1 : 0,
  matches: null,
  terms: [],
  index: { ready: false, indexedMessages: 0, totalMessages: 0 },
  tookMs: 0,
})

beforeEach(async () => {
  vi.mocked(createMetricsClient).mockClear()
  sessionStorage.clear()
  db = freshDb()
  await writeProperties(db, [property('p1')])
  await applyConversationUpdates(db, [
    {
      conversationId: 'a',
      messages: [message({ id: 'm1', conversationId: 'a', propertyId: 'p1', at: T0 - HOUR })],
    },
  ])
})
afterEach(() => db.close())

describe('the reply score at start', () => {
  it('starts reading once the inbox list shows its first rows, before its read model has read the store', async () => {
    setActivePinia(createPinia())
    useSyncStore().db = db
    const metrics = useMetricsStore()
    const inbox = useInboxStore()
    expect(inbox.listShown).toBe(false)
    expect(createMetricsClient).not.toHaveBeenCalled()
    // The first page, read from the indexes (search/first-page.ts); the read model has not
    // answered (at 200,000 conversations it reads the store for ~15 s).
    await vi.waitFor(() => expect(inbox.listShown).toBe(true))
    expect(inbox.listSettled).toBe(false)
    await vi.waitFor(() => expect(metrics.loaded).toBe(true))
    expect(createMetricsClient).toHaveBeenCalledTimes(1)
    expect(metrics.properties.map((item) => item.propertyId)).toEqual(['p1'])
  })

  it('does not start while the list shows nothing', async () => {
    setActivePinia(createPinia())
    // No store yet: no first page, no answer.
    const metrics = useMetricsStore()
    inboxAnswer.send?.(listAnswer(false))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(useInboxStore().listShown).toBe(false)
    expect(createMetricsClient).not.toHaveBeenCalled()
    expect(metrics.loaded).toBe(false)
  })

  describe('while the desk is in use', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
      setActivePinia(createPinia())
      useSyncStore().db = db
      useMetricsStore()
      window.dispatchEvent(new Event('keydown'))
      inboxAnswer.send!(listAnswer(true))
    })
    afterEach(() => vi.useRealTimers())

    it('waits for a pause in its use', async () => {
      await vi.advanceTimersByTimeAsync(QUIET_MS - 100)
      // Still in use: another click restarts the pause.
      window.dispatchEvent(new Event('click'))
      await vi.advanceTimersByTimeAsync(QUIET_MS - 100)
      expect(createMetricsClient).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(100)
      expect(createMetricsClient).toHaveBeenCalledTimes(1)
    })

    it('starts after its limit when the desk is never left alone', async () => {
      for (let elapsed = 0; elapsed < MAX_WAIT_MS - 500; elapsed += 500) {
        window.dispatchEvent(new Event('pointerdown'))
        await vi.advanceTimersByTimeAsync(500)
      }
      expect(createMetricsClient).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(500)
      expect(createMetricsClient).toHaveBeenCalledTimes(1)
    })
  })
})
