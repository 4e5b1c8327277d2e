import 'fake-indexeddb/auto'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  StoreError,
  applyConversationUpdates,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { initI18n } from '@/i18n'
import type { SyncStatus } from '@/sync'
import { HOUR, T0, freshDb, message, property, reservation } from '../../db/builders'
import { freshPinia, mountWith } from './helpers'

vi.mock('@/bridge', () => ({ desk: {} }))
const { default: PropertiesSidebar } = await import('@/features/inbox/PropertiesSidebar.vue')
const { default: ConversationListPane } = await import('@/features/inbox/ConversationListPane.vue')
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  sessionStorage.clear()
  db = freshDb()
  await writeProperties(db, [
    property('p1', { name: 'Casa Azul' }),
    property('p2', { name: 'Riverside Hotel' }),
  ])
  await writeReservations(db, 'p1', [
    reservation('r1', { propertyId: 'p1', conversationId: 'a', guest_name: 'Ana Lima' }),
    reservation('r2', { propertyId: 'p1', conversationId: 'b', guest_name: 'Bo Chen' }),
  ])
  await applyConversationUpdates(db, [
    {
      conversationId: 'a',
      messages: [message({ id: 'm1', conversationId: 'a', propertyId: 'p1', at: T0 - HOUR })],
    },
    {
      conversationId: 'b',
      messages: [
        message({ id: 'm2', conversationId: 'b', propertyId: 'p1', at: T0 - 2 * HOUR }),
        message({
          id: 'm3',
          conversationId: 'b',
          propertyId: 'p1',
          from: 'property',
          at: T0 - HOUR,
        }),
      ],
    },
  ])
})

afterEach(() => {
  db.close()
  document.body.innerHTML = ''
  vi.useRealTimers()
})

function setUp(status: Partial<SyncStatus> | null = {}) {
  const pinia = freshPinia()
  const sync = useSyncStore()
  sync.db = db
  sync.status = status && {
    state: 'idle',
    lastSyncAt: null,
    lastError: null,
    bootstrap: null,
    retryAt: null,
    ...status,
  }
  return { pinia, sync, inbox: useInboxStore() }
}

describe('the properties sidebar', () => {
  it('lists every property with its unread and needs-reply counts, and the totals', async () => {
    const { pinia } = setUp()
    const wrapper = mountWith(PropertiesSidebar, pinia)
    await vi.waitFor(() => expect(wrapper.findAll('nav li')).toHaveLength(3))
    const nav = wrapper.get('nav')
    expect(nav.attributes('aria-label')).toBe('Properties')
    const items = wrapper.findAll('nav button')
    const spoken = (index: number) =>
      items[index]!.findAll('.visually-hidden').map((counts) => counts.text())
    const shown = (index: number) =>
      items[index]!.findAll('[aria-hidden="true"]').map((counts) => counts.text())
    expect(items.map((item) => item.get('.nav-item__name').text())).toEqual([
      'All properties',
      'Casa Azul',
      'Riverside Hotel',
    ])
    expect(spoken(0)).toEqual(['2 unread conversations', '1 waiting for a reply'])
    expect(shown(0)).toEqual(['2', '1'])
    expect(spoken(1)).toEqual(['2 unread conversations', '1 waiting for a reply'])
    expect(spoken(2)).toEqual([])
  })

  it('selects a property and marks it current', async () => {
    const { pinia, inbox } = setUp()
    const wrapper = mountWith(PropertiesSidebar, pinia)
    await vi.waitFor(() => expect(wrapper.findAll('nav li')).toHaveLength(3))
    expect(wrapper.findAll('nav button')[0]!.attributes('aria-current')).toBe('true')
    await wrapper.findAll('nav button')[2]!.trigger('click')
    expect(inbox.selectedPropertyId).toBe('p2')
    expect(wrapper.findAll('nav button')[0]!.attributes('aria-current')).toBeUndefined()
    expect(wrapper.findAll('nav button')[2]!.attributes('aria-current')).toBe('true')
  })

  it.each([
    [{ state: 'idle', lastSyncAt: T0 - 5 * 60_000 }, /^Up to date.*Last sync \d{1,2}:\d{2}/],
    [
      {
        state: 'syncing',
        bootstrap: {
          phase: 'conversations',
          propertiesTotal: 6,
          propertiesDone: 2,
          conversationsDone: 81,
          currentPropertyId: 'p3',
        },
      },
      /Syncing….*First sync: 2 of 6 properties · 81 conversations downloaded/,
    ],
    [{ state: 'offline', lastSyncAt: T0 - HOUR }, /^Offline.*Showing what is stored/],
    [
      { state: 'error', lastError: { code: 'rate_limited', message: '429' }, retryAt: T0 + 60_000 },
      /^Sync stopped.*slow down.*Next try/,
    ],
    [
      { state: 'error', lastError: { code: 'quota_exceeded', message: 'full' } },
      /^Sync stopped.*could not save to disk/,
    ],
  ] as [Partial<SyncStatus>, RegExp][])('tells the sync status: %j', async (status, text) => {
    const { pinia } = setUp(status)
    const wrapper = mountWith(PropertiesSidebar, pinia)
    const region = wrapper.get('[role="status"]')
    expect(region.attributes('aria-label')).toBe('Sync status')
    expect(region.text().replace(/\s+/g, ' ')).toMatch(text)
  })

  it('says it is not syncing while the store cannot be opened', async () => {
    const { pinia, sync } = setUp(null)
    sync.db = null
    sync.storeError = new StoreError('cannot_open', 'x', { openCause: 'blocked' })
    const wrapper = mountWith(PropertiesSidebar, pinia)
    expect(wrapper.get('[role="status"]').text()).toBe("Not syncing: the inbox can't be opened")
  })

  it('syncs now on demand', async () => {
    const { pinia, sync } = setUp()
    const syncNow = vi.spyOn(sync, 'syncNow').mockResolvedValue()
    const wrapper = mountWith(PropertiesSidebar, pinia)
    await wrapper.get('button.sync__button').trigger('click')
    expect(wrapper.get('button.sync__button').text()).toBe('Sync now')
    expect(syncNow).toHaveBeenCalledOnce()
  })
})

describe('the conversation list pane', () => {
  it('filters with toggle buttons that expose their pressed state', async () => {
    const { pinia, inbox } = setUp()
    const wrapper = mountWith(ConversationListPane, pinia)
    await vi.waitFor(() => expect(wrapper.text()).toContain('2 conversations'))
    const needsReply = wrapper.findAll('button.chip').find((b) => b.text() === 'Needs reply')!
    const unread = wrapper.findAll('button.chip').find((b) => b.text() === 'Unread')!
    expect(needsReply.attributes('aria-pressed')).toBe('false')
    await needsReply.trigger('click')
    expect(needsReply.attributes('aria-pressed')).toBe('true')
    expect(inbox.filters.needsReply).toBe(true)
    await vi.waitFor(() => expect(wrapper.text()).toContain('1 conversation'))
    await unread.trigger('click')
    expect(unread.attributes('aria-pressed')).toBe('true')
    await wrapper.get('.select select').setValue('cancelled')
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('No conversation matches these filters'),
    )
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Clear filters')!
      .trigger('click')
    expect(inbox.filtersActive).toBe(false)
    await vi.waitFor(() => expect(wrapper.text()).toContain('2 conversations'))
  })

  it('sorts, and searches messages by their words', async () => {
    const { pinia, inbox } = setUp()
    const wrapper = mountWith(ConversationListPane, pinia)
    await wrapper.get('.sort select').setValue('lastActivity')
    expect(inbox.sort).toBe('lastActivity')
    const search = wrapper.get('input[type="search"]')
    expect(search.attributes('aria-label')).toBe('Search messages')
    await search.setValue('text of m1')
    await vi.waitFor(() => expect(wrapper.text()).toContain('1 match'))
    expect(wrapper.text()).toContain('Best matches first')
    await search.trigger('keydown', { key: 'Escape' })
    expect(inbox.searchText).toBe('')
  })

  it('says when nothing matches a search', async () => {
    const { pinia, inbox } = setUp()
    const wrapper = mountWith(ConversationListPane, pinia)
    await vi.waitFor(() => expect(inbox.result?.index.ready).toBe(true))
    inbox.setSearchText('zebra')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Nothing found'))
    expect(wrapper.text()).toContain('“zebra”')
  })

  it.each([
    [
      new StoreError('cannot_open', 'x', { openCause: 'version_too_new' }),
      'saved by a newer Innbox',
      true,
    ],
    [new StoreError('cannot_open', 'x', { openCause: 'blocked' }), 'Another Innbox window', false],
    [
      new StoreError('cannot_open', 'x', { openCause: 'unavailable' }),
      "can't store conversations",
      false,
    ],
    [new StoreError('quota_exceeded', 'x'), 'The disk is full', false],
    [new StoreError('cannot_open', 'x', { openCause: 'failed' }), "can't be opened", true],
  ] as const)(
    'explains a store that cannot open (%s) and offers what helps',
    async (error, text, resync) => {
      const { pinia, sync, inbox } = setUp(null)
      sync.db = null
      sync.storeError = error
      const resyncSpy = vi
        .spyOn(inbox, 'resync')
        .mockResolvedValue({ ok: true, keptOutbox: 1, keptDrafts: 0 })
      const retry = vi.spyOn(inbox, 'retry').mockResolvedValue()
      const wrapper = mountWith(ConversationListPane, pinia)
      await flushPromises()
      expect(wrapper.get('[role="alert"]').text()).toContain(text)
      const resyncButton = wrapper.findAll('button').find((b) => b.text() === 'Resync')
      expect(resyncButton !== undefined).toBe(resync)
      await resyncButton?.trigger('click')
      expect(resyncSpy).toHaveBeenCalledTimes(resync ? 1 : 0)
      await wrapper
        .findAll('button')
        .find((b) => b.text() === 'Try again')!
        .trigger('click')
      expect(retry).toHaveBeenCalledOnce()
    },
  )

  it('says why a resync stopped rather than lose unsent messages', async () => {
    const { pinia, sync, inbox } = setUp(null)
    sync.db = null
    sync.storeError = new StoreError('cannot_open', 'x', { openCause: 'version_too_new' })
    vi.spyOn(inbox, 'resync').mockResolvedValue({
      ok: false,
      reason: 'unrecognised_outbox',
      message: 'x',
    })
    const wrapper = mountWith(ConversationListPane, pinia)
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Resync')!
      .trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Update Innbox so they can be sent')
  })
})
