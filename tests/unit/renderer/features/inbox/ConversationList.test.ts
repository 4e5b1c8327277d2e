import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { initI18n } from '@/i18n'
import { freshPinia, mountWith } from './helpers'

vi.mock('@/bridge', () => ({ desk: {} }))
const { default: ConversationList } = await import('@/features/inbox/ConversationList.vue')
const { useInboxStore } = await import('@/stores/inbox')

beforeAll(async () => {
  await initI18n('en')
  // happy-dom lays nothing out: give the list's scroller the size of a typical pane.
  for (const [property, size] of [
    ['offsetHeight', 900],
    ['offsetWidth', 420],
    ['clientHeight', 900],
    ['scrollHeight', 20_000 * 104],
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, property)
    Object.defineProperty(HTMLElement.prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('scroller') ? size : (original?.get?.call(this) ?? 0)
      },
    })
  }
})
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const ids = Array.from({ length: 20_000 }, (_, i) => `c${i}`)

/** happy-dom does not scroll: the scroller keeps the offset it is given and says so. */
function scrollable(element: HTMLElement): void {
  let top = 0
  Object.defineProperty(element, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = value
      element.dispatchEvent(new Event('scroll'))
    },
  })
  element.scrollTo = ((options: ScrollToOptions) => {
    element.scrollTop = options.top ?? top
  }) as typeof element.scrollTo
}

function renderList() {
  const pinia = freshPinia()
  const wrapper = mountWith(ConversationList, pinia, {
    props: { ids, matches: null, terms: [] },
  })
  scrollable(wrapper.get('.scroller').element as HTMLElement)
  return { wrapper, inbox: useInboxStore() }
}

describe('the conversation list', () => {
  it('draws only a window of rows out of 20,000, each knowing its place in the whole', async () => {
    const { wrapper } = renderList()
    await flushPromises()
    const items = wrapper.findAll('li')
    expect(items.length).toBeGreaterThan(5)
    expect(items.length).toBeLessThan(40)
    expect(wrapper.get('ul').attributes('aria-label')).toBe('Conversations')
    expect(items[0]!.attributes('aria-setsize')).toBe('20000')
    expect(items[0]!.attributes('aria-posinset')).toBe('1')
    // The list is as tall as all rows, so the scrollbar tells the truth.
    expect(wrapper.get('ul').attributes('style')).toContain(`${20_000 * 104}px`)
  })

  it('draws a new list of the same length in its new order, each row for its own conversation', async () => {
    const { wrapper } = renderList()
    await flushPromises()
    const drawn = () =>
      wrapper
        .findAll('button[data-conversation-id]')
        .map((b) => [b.attributes('data-conversation-id'), b.element.closest('li')!.style.cssText])
    const before = drawn()
    // The same conversations in another order (a conversation read moves, the others follow).
    const reordered = [ids[1]!, ids[0]!, ...ids.slice(2).reverse()]
    await wrapper.setProps({ ids: reordered })
    await flushPromises()
    const after = drawn()
    expect(after.map(([id]) => id).slice(0, 3)).toEqual(reordered.slice(0, 3))
    // Each conversation is drawn at its new place: c1 where c0 was, c0 where c1 was.
    expect(after[0]).toEqual(['c1', before[0]![1]])
    expect(after[1]).toEqual(['c0', before[1]![1]])
  })

  it('draws the rows where the list is scrolled to', async () => {
    const { wrapper } = renderList()
    await flushPromises()
    const scroller = wrapper.get('.scroller').element as HTMLElement
    scroller.scrollTop = 104 * 12_000
    await flushPromises()
    await nextTick()
    const positions = wrapper.findAll('li').map((li) => Number(li.attributes('aria-posinset')))
    expect(positions).toContain(12_001)
    expect(Math.min(...positions)).toBeGreaterThan(11_900)
    expect(positions.length).toBeLessThan(40)
  })

  it('moves the selection with the arrow keys, j and k, and opens with Enter', async () => {
    const { wrapper, inbox } = renderList()
    await flushPromises()
    const outside = vi.fn()
    window.addEventListener('keydown', outside)
    const first = wrapper.get('button[data-conversation-id="c0"]')
    expect(first.attributes('tabindex')).toBe('0')
    await first.trigger('keydown', { key: 'ArrowDown' })
    expect(inbox.selectedConversationId).toBe('c1')
    await wrapper.get('button[data-conversation-id="c1"]').trigger('keydown', { key: 'j' })
    expect(inbox.selectedConversationId).toBe('c2')
    await wrapper.get('button[data-conversation-id="c2"]').trigger('keydown', { key: 'k' })
    expect(inbox.selectedConversationId).toBe('c1')
    await wrapper.get('button[data-conversation-id="c1"]').trigger('keydown', { key: 'ArrowUp' })
    expect(inbox.selectedConversationId).toBe('c0')
    await wrapper.get('button[data-conversation-id="c0"]').trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('open')).toEqual([['c0']])
    // The app-wide shortcuts must not move the selection a second time.
    expect(outside).not.toHaveBeenCalled()
    window.removeEventListener('keydown', outside)
    await nextTick()
    expect(wrapper.get('button[data-conversation-id="c0"]').attributes('aria-current')).toBe('true')
  })

  it('moves on from the row a key moved to while focus has not followed yet', async () => {
    const { wrapper, inbox } = renderList()
    await flushPromises()
    // Focus follows a frame later; keys pressed before that frame still act on the old row.
    const frames: FrameRequestCallback[] = []
    const raf = vi
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) => frames.push(callback))
    const first = wrapper.get('button[data-conversation-id="c0"]')
    await first.trigger('keydown', { key: 'ArrowDown' })
    await first.trigger('keydown', { key: 'j' })
    await first.trigger('keydown', { key: 'j' })
    await first.trigger('keydown', { key: 'k' })
    expect(inbox.selectedConversationId).toBe('c2')
    await first.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('open')).toEqual([['c2']])
    for (const frame of frames.splice(0)) frame(performance.now())
    raf.mockRestore()
    // Once focus is on the row, keys act on the focused row again.
    await wrapper.get('button[data-conversation-id="c5"]').trigger('keydown', { key: 'j' })
    expect(inbox.selectedConversationId).toBe('c6')
  })

  it('jumps to the end with End, drawing the last rows', async () => {
    const { wrapper, inbox } = renderList()
    await flushPromises()
    await wrapper.get('button[data-conversation-id="c0"]').trigger('keydown', { key: 'End' })
    expect(inbox.selectedConversationId).toBe('c19999')
    await vi.waitFor(() =>
      expect(wrapper.find('button[data-conversation-id="c19999"]').exists()).toBe(true),
    )
    // …and focused, so the next arrow key goes on from there.
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('data-conversation-id')).toBe('c19999'),
    )
  })

  it('selects a conversation on click', async () => {
    const { wrapper, inbox } = renderList()
    await flushPromises()
    await wrapper.get('button[data-conversation-id="c3"]').trigger('click')
    expect(inbox.selectedConversationId).toBe('c3')
    expect(wrapper.emitted('open')).toBeUndefined()
  })
})
