import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, type InnboxDb } from '@/db'
import ConversationPane from '@/features/inbox/ConversationPane.vue'
import { initI18n } from '@/i18n'
import { useInboxStore } from '@/stores/inbox'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, openDb, propertyMessage, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

let db: InnboxDb
const MINUTE = 60_000

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

/** `count` messages a minute apart, alternating guest and property, the last one a minute ago. */
function thread(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const at = T0 - (count - i) * MINUTE
    return i % 2 === 0
      ? guestMessage(`m${i}`, `text ${i}`, at)
      : propertyMessage(`m${i}`, `text ${i}`, at)
  })
}

const texts = (wrapper: ReturnType<typeof mountOn>) =>
  wrapper.findAll('.guest-text__body').map((body) => body.text())

describe('a long conversation', () => {
  it('opens on its latest 50 messages and shows earlier ones 50 at a time when asked', async () => {
    const messages = thread(120)
    await addConversation(db, { messages })
    await applyConversationUpdates(db, [
      { conversationId: 'c1', markRead: messages.map((m) => m.message_id) },
    ])
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(50))
    expect(texts(wrapper).at(0)).toBe('text 70')
    expect(texts(wrapper).at(-1)).toBe('text 119')

    const earlier = () => wrapper.find('.timeline__earlier button')
    expect(earlier().text()).toBe('Show earlier messages')
    await earlier().trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(100))
    expect(texts(wrapper).at(0)).toBe('text 20')
    await earlier().trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(120))
    expect(texts(wrapper).at(0)).toBe('text 0')
    expect(earlier().exists()).toBe(false)
  })

  it('draws every message from the first unread one, however far back it is', async () => {
    const messages = thread(90)
    await addConversation(db, { messages })
    const readUpTo = messages.slice(0, 10).map((m) => m.message_id)
    await applyConversationUpdates(db, [{ conversationId: 'c1', markRead: readUpTo }])
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(80))
    expect(texts(wrapper).at(0)).toBe('text 10')
    expect(wrapper.find('.timeline__new').exists()).toBe(true)
    expect(wrapper.find('.timeline__earlier button').exists()).toBe(true)
  })

  it('opens another conversation on its own latest 50, however many the previous one showed', async () => {
    const first = thread(120)
    const second = Array.from({ length: 80 }, (_, i) =>
      guestMessage(`n${i}`, `other ${i}`, T0 - (80 - i) * MINUTE, 'c2'),
    )
    await addConversation(db, { messages: first })
    await addConversation(db, { messages: second, conversationId: 'c2' })
    await applyConversationUpdates(db, [
      { conversationId: 'c1', markRead: first.map((m) => m.message_id) },
      { conversationId: 'c2', markRead: second.map((m) => m.message_id) },
    ])
    const { pinia, open } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(50))
    await wrapper.find('.timeline__earlier button').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(100))
    const timeline = wrapper.find('.timeline').element

    useInboxStore().selectConversation('c2')
    await vi.waitFor(() => expect(open.conversation?.conversationId).toBe('c2'))
    await vi.waitFor(() => expect(texts(wrapper).at(-1)).toBe('other 79'))
    expect(texts(wrapper)).toHaveLength(50)
    expect(texts(wrapper).at(0)).toBe('other 30')
    // A timeline of its own: it starts at its end, not where the previous one was scrolled to.
    expect(wrapper.find('.timeline').element).not.toBe(timeline)
  })

  it('shows a short conversation whole, without "Show earlier messages"', async () => {
    await addConversation(db, { messages: thread(12) })
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationPane)
    await vi.waitFor(() => expect(wrapper.findAll('.message')).toHaveLength(12))
    expect(wrapper.find('.timeline__earlier').exists()).toBe(false)
  })
})
