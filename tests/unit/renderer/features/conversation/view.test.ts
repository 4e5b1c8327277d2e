import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, type InnboxDb } from '@/db'
import ConversationPane from '@/features/inbox/ConversationPane.vue'
import { initI18n } from '@/i18n'
import { hostileTexts } from './hostile-texts'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, HOUR, openDb, propertyMessage, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
})

describe('the conversation pane', () => {
  it('is the region "Conversation", empty until a conversation is chosen', async () => {
    const { pinia } = await openDesk(db, null)
    const wrapper = mountOn(pinia, ConversationPane)
    expect(wrapper.get('section').attributes('aria-label')).toBe('Conversation')
    expect(wrapper.text()).toContain('No conversation selected')
  })

  it('shows every hostile guest text, and a hostile guest name, as inert text', async () => {
    await addConversation(db, {
      reservation: { guest_name: '<img src=x onerror="window.__pwned=1">\u202Egnp.exe' },
      messages: hostileTexts.map((h, i) => guestMessage(`h${i}`, h.text, T0 - HOUR + i)),
    })
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(hostileTexts.length))
    expect(
      wrapper.findAll('script, iframe, math, object, embed, table, style, a, img'),
    ).toHaveLength(0)
    expect(wrapper.findAll('[onload], [onerror], [href^="javascript"]')).toHaveLength(0)
    for (const body of wrapper.findAll('.guest-text__body'))
      expect(body.element.children).toHaveLength(0)
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
    // The name keeps its characters but loses the override that would disguise it.
    expect(wrapper.get('h2').text()).toBe('<img src=x onerror="window.__pwned=1">gnp.exe')
  })

  it('lists messages in order under day separators, with "New" before the first unread one', async () => {
    await addConversation(db, {
      messages: [
        guestMessage('old', 'Hello', T0 - 30 * HOUR),
        propertyMessage('reply', 'Welcome!', T0 - 29 * HOUR),
        guestMessage('new1', 'We arrive late', T0 - HOUR),
        guestMessage('new2', 'Around midnight', T0 - HOUR + 60_000),
      ],
    })
    await applyConversationUpdates(db, [{ conversationId: 'c1', markRead: ['old'] }])
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(4))
    const rows = wrapper
      .findAll('.timeline__list > li')
      .map((li) =>
        li.classes('timeline__day')
          ? 'day'
          : li.classes('timeline__new')
            ? 'new'
            : li.get('.guest-text__body').text(),
      )
    expect(rows).toEqual([
      'day',
      'Hello',
      'Welcome!',
      'day',
      'new',
      'We arrive late',
      'Around midnight',
    ])
  })

  it('marks a booking request as such', async () => {
    await addConversation(db, {
      conversationType: 'request_to_book',
      messages: [guestMessage('m', 'Free?')],
    })
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.find('.badge').exists()).toBe(true))
    expect(wrapper.get('.badge').text()).toBe('Booking request')
    expect(wrapper.get('.timeline__notice').text()).toContain('before the booking is confirmed')
    expect(wrapper.get('[role="switch"]').attributes('disabled')).toBeDefined()
  })

  it('has the switch "No reply needed", which follows the outbox', async () => {
    await addConversation(db, { messages: [guestMessage('m', 'Thank you!')] })
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    const toggle = () => wrapper.get('[role="switch"]')
    await vi.waitFor(() => expect(toggle().text()).toBe('No reply needed'))
    expect(toggle().attributes('aria-checked')).toBe('false')
    await toggle().trigger('click')
    await vi.waitFor(() => expect(toggle().attributes('aria-checked')).toBe('true'))
  })
})
