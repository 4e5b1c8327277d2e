import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, writeReservations, type InnboxDb } from '@/db'
import { DAY, HOUR, T0, freshDb, message, property, reservation } from '../db/builders'

vi.mock('@/bridge', () => ({ desk: {} }))
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

let db: InnboxDb

async function seed(target: InnboxDb): Promise<void> {
  await writeProperties(target, [
    property('p1', { name: 'Casa Azul' }),
    property('p2', { name: 'Bangkok Inn' }),
  ])
  await writeReservations(target, 'p1', [
    reservation('r1', { propertyId: 'p1', conversationId: 'a', guest_name: 'Ana Lima' }),
    reservation('r2', {
      propertyId: 'p1',
      conversationId: 'b',
      guest_name: 'Bo Chen',
      checkin: '2025-03-20',
    }),
  ])
  await writeReservations(target, 'p2', [
    reservation('r3', { propertyId: 'p2', conversationId: 'c', guest_name: 'Chai Wong' }),
  ])
  const guest = (id: string, c: string, p: string, at: number, content: string) =>
    message({ id, conversationId: c, propertyId: p, at, content })
  await applyConversationUpdates(target, [
    {
      conversationId: 'a',
      messages: [guest('m1', 'a', 'p1', T0 - 2 * HOUR, 'Where can we park?')],
    },
    {
      conversationId: 'b',
      messages: [guest('m2', 'b', 'p1', T0 - 5 * DAY, 'Thanks for everything')],
    },
    {
      conversationId: 'c',
      messages: [
        guest('m3', 'c', 'p2', T0 - DAY, 'Is breakfast included?'),
        message({
          id: 'm4',
          conversationId: 'c',
          propertyId: 'p2',
          from: 'property',
          at: T0 - DAY + HOUR,
        }),
      ],
    },
  ])
}

function openInbox() {
  setActivePinia(createPinia())
  const sync = useSyncStore()
  sync.db = db
  return useInboxStore()
}

beforeEach(async () => {
  // The store compares deadlines and stages with now: the seeded data's now.
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  sessionStorage.clear()
  db = freshDb()
  await seed(db)
})
afterEach(() => {
  db.close()
  vi.useRealTimers()
})

describe('the inbox store', () => {
  it('lists the stored conversations, owed replies by deadline first', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['b', 'a', 'c']))
    expect(inbox.loading).toBe(false)
  })

  it('moves the selection through the list in its order, stopping at the ends', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.conversationIds).toHaveLength(3))
    inbox.selectNext()
    expect(inbox.selectedConversationId).toBe('b')
    inbox.selectNext()
    inbox.selectNext()
    inbox.selectNext()
    expect(inbox.selectedConversationId).toBe('c')
    inbox.selectPrevious()
    expect(inbox.selectedConversationId).toBe('a')
    inbox.selectConversation(null)
    inbox.selectPrevious()
    expect(inbox.selectedConversationId).toBe('c')
  })

  it('narrows to a property, filters and sorts', async () => {
    const inbox = openInbox()
    inbox.selectProperty('p1')
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['b', 'a']))
    inbox.setSort('lastActivity')
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['a', 'b']))
    inbox.setSort('arrival')
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['a', 'b']))
    inbox.selectProperty('all')
    inbox.setFilters({ needsReply: true })
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['a', 'b']))
    expect(inbox.filtersActive).toBe(true)
    inbox.clearFilters()
    expect(inbox.filtersActive).toBe(false)
    await vi.waitFor(() => expect(inbox.conversationIds).toHaveLength(3))
  })

  it('shows each property with its maintained counts', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.properties).toHaveLength(2))
    expect(
      inbox.properties.map((p) => [p.name, p.counters.unreadConversations, p.counters.needsReply]),
    ).toEqual([
      ['Bangkok Inn', 1, 0],
      ['Casa Azul', 2, 2],
    ])
  })

  it('searches as you type, once the typing pauses', async () => {
    const inbox = openInbox()
    await vi.waitFor(() => expect(inbox.result?.index.ready).toBe(true))
    inbox.setSearchText('brea')
    expect(inbox.searching).toBe(false)
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['c']))
    expect(inbox.searching).toBe(true)
    expect(inbox.result?.matches).toEqual(['m3'])
    inbox.setSearchText('ana')
    await vi.waitFor(() => expect(inbox.result?.matches).toEqual([null]))
    inbox.setSearchText('')
    expect(inbox.searching).toBe(false)
    await vi.waitFor(() => expect(inbox.conversationIds).toHaveLength(3))
  })

  it('keeps the selection, filters, sort and search for the session', async () => {
    const first = openInbox()
    first.selectProperty('p2')
    first.setFilters({ unread: true, stage: 'upcoming', arrivalFrom: '2025-03-01' })
    first.setSort('arrival')
    first.setSearchText('breakfast')
    first.selectConversation('c')
    await vi.waitFor(() => expect(sessionStorage.getItem('innbox.inbox')).toContain('"c"'))

    const again = openInbox()
    expect(again.selectedPropertyId).toBe('p2')
    expect(again.filters).toEqual({
      needsReply: false,
      unread: true,
      stage: 'upcoming',
      arrivalFrom: '2025-03-01',
      arrivalTo: null,
    })
    expect(again.sort).toBe('arrival')
    expect(again.searchText).toBe('breakfast')
    expect(again.selectedConversationId).toBe('c')
  })

  it('starts from the defaults when what was kept cannot be read', () => {
    sessionStorage.setItem(
      'innbox.inbox',
      '{"sort":"sideways","filters":{"stage":"moon"},"selectedPropertyId":4',
    )
    const inbox = openInbox()
    expect(inbox.sort).toBe('replyDeadline')
    expect(inbox.filters.stage).toBe('all')
    expect(inbox.selectedPropertyId).toBe('all')
    sessionStorage.setItem('innbox.inbox', '{"sort":"sideways","filters":{"stage":"moon"}}')
    const other = openInbox()
    expect(other.sort).toBe('replyDeadline')
    expect(other.filters.stage).toBe('all')
  })

  it('follows a new guest message into the list and the search', async () => {
    const inbox = openInbox()
    inbox.setSearchText('towels')
    await vi.waitFor(() => expect(inbox.result?.index.ready).toBe(true))
    await applyConversationUpdates(db, [
      {
        conversationId: 'c',
        messages: [
          message({
            id: 'm9',
            conversationId: 'c',
            propertyId: 'p2',
            at: T0,
            content: 'More towels please',
          }),
        ],
      },
    ])
    await vi.waitFor(() => expect(inbox.conversationIds).toEqual(['c']))
    expect(inbox.result?.matches).toEqual(['m9'])
  })
})
