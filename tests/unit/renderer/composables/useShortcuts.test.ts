/* eslint-disable vue/one-component-per-file -- small harness components standing in for the app */
import { mount, type VueWrapper } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { i18next, initI18n } from '@/i18n'

const inbox = vi.hoisted(() => ({ selectNext: vi.fn(), selectPrevious: vi.fn() }))
const conversation = vi.hoisted(() => ({
  conversation: { conversationId: 'c-1' } as { conversationId: string } | null,
  isRequestToBook: false,
  noReplyNeeded: false,
  setNoReplyNeeded: vi.fn(async () => null),
}))
const sync = vi.hoisted(() => ({ syncNow: vi.fn(async () => {}) }))
vi.mock('@/stores/inbox', () => ({ useInboxStore: () => inbox }))
vi.mock('@/stores/conversation', () => ({ useConversationStore: () => conversation }))
vi.mock('@/stores/sync', () => ({ useSyncStore: () => sync }))

const { useShortcuts, useShortcutsHelp, shortcutOf, isTextEntry } =
  await import('@/composables/useShortcuts')
const { default: ShortcutsDialog } = await import('@/features/shell/ShortcutsDialog.vue')

beforeAll(async () => {
  await initI18n('en')
})

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init)

describe('shortcutOf', () => {
  it.each([
    [{ key: 'j', code: 'KeyJ' }, 'next'],
    [{ key: 'ArrowDown' }, 'next'],
    [{ key: 'k', code: 'KeyK' }, 'previous'],
    [{ key: 'ArrowUp' }, 'previous'],
    [{ key: 'Enter' }, 'open'],
    [{ key: 'r', code: 'KeyR' }, 'reply'],
    [{ key: 'N', code: 'KeyN', shiftKey: true }, 'noReplyNeeded'],
    [{ key: '/' }, 'search'],
    [{ key: 'S', code: 'KeyS', shiftKey: true }, 'syncNow'],
    [{ key: '?', shiftKey: true }, 'help'],
    // A Russian layout types "о" on the J key: the key still moves down.
    [{ key: 'о', code: 'KeyJ' }, 'next'],
    [{ key: 'ะ', code: 'KeyR' }, 'reply'],
  ] as const)('reads %o as %s', (init, id) => {
    expect(shortcutOf(key(init))).toBe(id)
  })

  it.each([
    { key: 'j', ctrlKey: true },
    { key: 'Enter', metaKey: true },
    { key: 'Enter', ctrlKey: true },
    { key: 'r', altKey: true },
    { key: 'n', code: 'KeyN' },
    { key: 'x', code: 'KeyX' },
    { key: 'J', code: 'KeyJ', shiftKey: true },
  ])('ignores %o', (init) => {
    expect(shortcutOf(key(init))).toBeNull()
  })
})

describe('isTextEntry', () => {
  it('knows the fields where keys are text', () => {
    const make = (html: string) => {
      const holder = document.createElement('div')
      holder.innerHTML = html
      return holder.firstElementChild
    }
    expect(isTextEntry(make('<input type="text">'))).toBe(true)
    expect(isTextEntry(make('<input type="search">'))).toBe(true)
    expect(isTextEntry(make('<input>'))).toBe(true)
    expect(isTextEntry(make('<textarea></textarea>'))).toBe(true)
    expect(isTextEntry(make('<select></select>'))).toBe(true)
    expect(isTextEntry(make('<div role="textbox"></div>'))).toBe(true)
    expect(isTextEntry(make('<input type="checkbox">'))).toBe(false)
    expect(isTextEntry(make('<button>Send</button>'))).toBe(false)
    expect(isTextEntry(document.body)).toBe(false)
  })
})

describe('useShortcuts', () => {
  let router: Router
  let wrapper: VueWrapper

  // The inbox as the shortcuts find it: a "Conversation" region with its message box, and
  // the search box; the panes themselves are other components.
  const Inbox = defineComponent({
    render: () =>
      h('div', [
        h('input', { type: 'search', 'aria-label': 'Search messages', id: 'search' }),
        h('button', { id: 'row' }, 'Ana Sousa'),
        h('section', { 'aria-label': 'Conversation', id: 'conversation' }, [
          h('textarea', { 'aria-label': 'Message', id: 'message' }),
        ]),
      ]),
  })
  const Reservations = defineComponent({ render: () => h('p', 'Reservations') })
  const Host = defineComponent({
    setup() {
      useShortcuts()
      return () => h('main', [h('div', { id: 'outlet' }, [h(resolveView())])])
    },
  })
  // RouterView without the router-view component's extra wrapper.
  const resolveView = () =>
    router.currentRoute.value.name === 'reservations' ? Reservations : Inbox

  async function mountAt(path: string) {
    router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', name: 'inbox', component: Inbox },
        { path: '/reservations', name: 'reservations', component: Reservations },
      ],
    })
    await router.push(path)
    wrapper = mount(Host, {
      attachTo: document.body,
      global: { plugins: [router, [I18NextVue, { i18next }]] },
    })
  }

  function press(init: KeyboardEventInit, target: Element = document.body): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
    target.dispatchEvent(event)
    return event
  }
  const byId = (id: string) => document.getElementById(id)!

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    conversation.conversation = { conversationId: 'c-1' }
    conversation.isRequestToBook = false
    conversation.noReplyNeeded = false
    useShortcutsHelp().hide()
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('moves through conversations with J, K and the arrows', async () => {
    await mountAt('/')
    press({ key: 'j', code: 'KeyJ' })
    press({ key: 'ArrowDown' })
    press({ key: 'k', code: 'KeyK' })
    const arrow = press({ key: 'ArrowUp' })
    expect(inbox.selectNext).toHaveBeenCalledTimes(2)
    expect(inbox.selectPrevious).toHaveBeenCalledTimes(2)
    // The page does not also scroll.
    expect(arrow.defaultPrevented).toBe(true)
  })

  it('keeps moving while J is held, but acts once for other held keys', async () => {
    await mountAt('/')
    press({ key: 'j', code: 'KeyJ', repeat: true })
    press({ key: 'S', code: 'KeyS', shiftKey: true, repeat: true })
    expect(inbox.selectNext).toHaveBeenCalledTimes(1)
    expect(sync.syncNow).not.toHaveBeenCalled()
  })

  it('never fires while the user types in a text field', async () => {
    await mountAt('/')
    for (const id of ['message', 'search']) {
      for (const init of [
        { key: 'j', code: 'KeyJ' },
        { key: 'r', code: 'KeyR' },
        { key: '/' },
        { key: '?' },
        { key: 'N', code: 'KeyN', shiftKey: true },
        { key: 'ArrowDown' },
        { key: 'Enter' },
      ]) {
        const event = press(init, byId(id))
        expect(event.defaultPrevented).toBe(false)
      }
    }
    expect(inbox.selectNext).not.toHaveBeenCalled()
    expect(conversation.setNoReplyNeeded).not.toHaveBeenCalled()
    expect(useShortcutsHelp().open.value).toBe(false)
  })

  it('leaves Ctrl/Cmd+Enter to the composer', async () => {
    await mountAt('/')
    const event = press({ key: 'Enter', ctrlKey: true }, byId('message'))
    expect(event.defaultPrevented).toBe(false)
    expect(document.activeElement).not.toBe(byId('conversation'))
  })

  it('opens the selected conversation with Enter, but leaves Enter on a button alone', async () => {
    await mountAt('/')
    byId('row').focus()
    expect(press({ key: 'Enter' }, byId('row')).defaultPrevented).toBe(false)
    expect(document.activeElement).toBe(byId('row'))
    expect(press({ key: 'Enter' }).defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(byId('conversation'))
  })

  it('goes to the message box with R, without typing the R', async () => {
    await mountAt('/')
    const event = press({ key: 'r', code: 'KeyR' })
    expect(document.activeElement).toBe(byId('message'))
    expect(event.defaultPrevented).toBe(true)
  })

  it('goes to the search box with /, from any screen', async () => {
    await mountAt('/reservations')
    const event = press({ key: '/' })
    expect(event.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('inbox'))
    await nextTick()
    await vi.waitFor(() => expect(document.activeElement).toBe(byId('search')))
  })

  it('switches "No reply needed" with Shift+N', async () => {
    await mountAt('/')
    press({ key: 'N', code: 'KeyN', shiftKey: true })
    expect(conversation.setNoReplyNeeded).toHaveBeenCalledWith(true)
    conversation.noReplyNeeded = true
    press({ key: 'N', code: 'KeyN', shiftKey: true })
    expect(conversation.setNoReplyNeeded).toHaveBeenLastCalledWith(false)
  })

  it('does not switch "No reply needed" without a conversation or for a booking request', async () => {
    await mountAt('/')
    conversation.conversation = null
    press({ key: 'N', code: 'KeyN', shiftKey: true })
    conversation.conversation = { conversationId: 'c-1' }
    conversation.isRequestToBook = true
    press({ key: 'N', code: 'KeyN', shiftKey: true })
    expect(conversation.setNoReplyNeeded).not.toHaveBeenCalled()
  })

  it('syncs now with Shift+S and shows the help with ?', async () => {
    await mountAt('/reservations')
    press({ key: 'S', code: 'KeyS', shiftKey: true })
    expect(sync.syncNow).toHaveBeenCalledTimes(1)
    press({ key: '?', shiftKey: true })
    expect(useShortcutsHelp().open.value).toBe(true)
  })

  it('leaves conversation keys alone away from the inbox', async () => {
    await mountAt('/reservations')
    const event = press({ key: 'j', code: 'KeyJ' })
    press({ key: 'N', code: 'KeyN', shiftKey: true })
    expect(event.defaultPrevented).toBe(false)
    expect(inbox.selectNext).not.toHaveBeenCalled()
    expect(conversation.setNoReplyNeeded).not.toHaveBeenCalled()
  })

  it('stays out of the way while a dialog is open', async () => {
    await mountAt('/')
    const dialog = document.createElement('div')
    dialog.setAttribute('aria-modal', 'true')
    document.body.append(dialog)
    press({ key: 'j', code: 'KeyJ' })
    press({ key: '?' })
    expect(inbox.selectNext).not.toHaveBeenCalled()
    expect(useShortcutsHelp().open.value).toBe(false)
  })

  it('stops listening when its scope ends', async () => {
    await mountAt('/')
    wrapper.unmount()
    press({ key: 'j', code: 'KeyJ' })
    expect(inbox.selectNext).not.toHaveBeenCalled()
  })
})

describe('the shortcuts help dialog', () => {
  let opener: HTMLButtonElement
  let wrapper: VueWrapper

  beforeEach(() => {
    opener = document.createElement('button')
    opener.textContent = 'Keyboard shortcuts'
    document.body.append(opener)
    opener.focus()
    const app = document.createElement('div')
    app.id = 'app'
    document.body.append(app)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function open() {
    const onClose = vi.fn()
    wrapper = mount(ShortcutsDialog, {
      attachTo: document.getElementById('app')!,
      props: { onClose },
      global: { plugins: [[I18NextVue, { i18next }]] },
    })
    await nextTick()
    await nextTick()
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!
    return { dialog, onClose }
  }

  it('is a labelled modal dialog listing every shortcut', async () => {
    const { dialog } = await open()
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    const title = document.getElementById(dialog.getAttribute('aria-labelledby')!)!
    expect(title.textContent).toBe('Keyboard shortcuts')
    const actions = [...dialog.querySelectorAll('dt')].map((dt) => dt.textContent)
    expect(actions).toEqual([
      'Next conversation',
      'Previous conversation',
      'Open the selected conversation',
      'Switch “No reply needed” on or off',
      'Reply: go to the message box',
      'Send the message (in the message box)',
      'Search messages',
      'Sync now',
      'Show these shortcuts',
    ])
    // Symbols are named for screen readers.
    expect(dialog.textContent).toContain('Down arrow')
    expect(dialog.textContent).toContain('Shift')
    wrapper.unmount()
  })

  it('takes focus, keeps it inside, closes on Escape and gives focus back', async () => {
    const { dialog, onClose } = await open()
    const close = dialog.querySelector('button')!
    expect(document.activeElement).toBe(close)
    expect(document.getElementById('app')!.hasAttribute('inert')).toBe(true)
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })
    close.dispatchEvent(tab)
    expect(tab.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(close)
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(onClose).toHaveBeenCalled()
    wrapper.unmount()
    expect(document.activeElement).toBe(opener)
    expect(document.getElementById('app')!.hasAttribute('inert')).toBe(false)
  })
})
