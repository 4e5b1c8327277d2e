import 'fake-indexeddb/auto'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { InnboxDb } from '@/db'
import { initI18n } from '@/i18n'
import type { ListQuery, ListResult } from '@/search'
import { freshDb } from '../../db/builders'
import { freshPinia, mountWith } from './helpers'

// The list pane while the read model has not read the store yet (the first seconds after a
// start, ten at hotel-group scale): its answers until then count only what it has read.

const model = vi.hoisted(() => ({
  answer: null as ((result: ListResult) => void) | null,
  queries: [] as ListQuery[],
}))
vi.mock('@/bridge', () => ({ desk: {} }))
vi.mock('@/search', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  createInboxQueryClient: () => ({
    setQuery: (query: ListQuery) => model.queries.push(query),
    onResult: (listener: (result: ListResult) => void) => {
      model.answer = listener
      return () => {}
    },
    onFailure: () => () => {},
    stats: async () => ({}),
    dispose() {},
  }),
}))
const { default: ConversationListPane } = await import('@/features/inbox/ConversationListPane.vue')
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

function answer(loaded: boolean, ids: string[]): ListResult {
  return {
    loaded,
    partial: false,
    ids,
    total: ids.length,
    matches: null,
    terms: [],
    index: { ready: loaded, indexedMessages: 0, totalMessages: 0 },
    tookMs: 1,
  }
}

let db: InnboxDb
beforeAll(async () => {
  await initI18n('en')
})
afterEach(() => {
  db.close()
  document.body.innerHTML = ''
  sessionStorage.clear()
})

describe('the list pane before the store is read', () => {
  it('shows no count for a filter asked for at once, only that the list is loading', async () => {
    db = freshDb()
    const pinia = freshPinia()
    useSyncStore().db = db
    const inbox = useInboxStore()
    const wrapper = mountWith(ConversationListPane, pinia)
    inbox.setFilters({ ...inbox.filters, needsReply: true })
    await flushPromises()
    // What the read model says before it has read a single conversation.
    model.answer!(answer(false, []))
    await flushPromises()
    expect(wrapper.find('.list-pane__loading').exists()).toBe(true)
    expect(wrapper.text()).not.toMatch(/\d+ conversations?/)
    expect(wrapper.text()).not.toContain('No conversation matches these filters')
    // The filter can still be taken back.
    expect(wrapper.findAll('button').some((b) => b.text() === 'Clear filters')).toBe(true)

    model.answer!(answer(true, ['a', 'b', 'c']))
    await flushPromises()
    expect(wrapper.find('.list-pane__loading').exists()).toBe(false)
    expect(wrapper.get('.pane-header__count').text()).toContain('3 conversations')
  })
})
