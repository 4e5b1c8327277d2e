import { nextTick, onScopeDispose, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { i18next } from '@/i18n'
import { useConversationStore } from '@/stores/conversation'
import { useInboxStore } from '@/stores/inbox'
import { useSyncStore } from '@/stores/sync'

// The keyboard of the desk: move through conversations, open, reply, "No reply needed",
// search, sync and help, without the mouse. Shortcuts never fire while the user types in a
// text field (the composer handles its own Ctrl/Cmd+Enter) nor while a dialog is open.

export type ShortcutId =
  'next' | 'previous' | 'open' | 'reply' | 'noReplyNeeded' | 'search' | 'syncNow' | 'help'

/** A key as the help dialog shows it: `letter` keys are typed, the others are named. */
export type KeyCap =
  | { letter: string }
  | {
      named: 'shift' | 'ctrl' | 'cmd' | 'enter' | 'arrowDown' | 'arrowUp' | 'slash' | 'questionMark'
    }

export interface ShortcutHelp {
  id: ShortcutId | 'send'
  group: 'conversations' | 'writing' | 'app'
  /** Alternatives; each is a chord of keys pressed together. */
  keys: KeyCap[][]
}

const shift = { named: 'shift' } as const

/** What the help dialog lists, in its order. */
export function shortcutHelp(isMac: boolean): ShortcutHelp[] {
  const modifier: KeyCap = { named: isMac ? 'cmd' : 'ctrl' }
  return [
    { id: 'next', group: 'conversations', keys: [[{ letter: 'J' }], [{ named: 'arrowDown' }]] },
    { id: 'previous', group: 'conversations', keys: [[{ letter: 'K' }], [{ named: 'arrowUp' }]] },
    { id: 'open', group: 'conversations', keys: [[{ named: 'enter' }]] },
    { id: 'noReplyNeeded', group: 'conversations', keys: [[shift, { letter: 'N' }]] },
    { id: 'reply', group: 'writing', keys: [[{ letter: 'R' }]] },
    { id: 'send', group: 'writing', keys: [[modifier, { named: 'enter' }]] },
    { id: 'search', group: 'app', keys: [[{ named: 'slash' }]] },
    { id: 'syncNow', group: 'app', keys: [[shift, { letter: 'S' }]] },
    { id: 'help', group: 'app', keys: [[{ named: 'questionMark' }]] },
  ]
}

/**
 * The letter of a key on any layout: `event.key` on Latin layouts, the physical key otherwise,
 * so J still moves down with a Russian, Thai or Arabic keyboard layout active.
 */
function letterOf(event: KeyboardEvent): string | null {
  if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase()
  const physical = /^Key([A-Z])$/.exec(event.code)
  return physical ? physical[1]!.toLowerCase() : null
}

/** The shortcut a key press means, whatever element has focus. */
export function shortcutOf(event: KeyboardEvent): ShortcutId | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null
  if (event.key === '?') return 'help'
  if (event.key === '/') return 'search'
  if (event.key === 'ArrowDown' && !event.shiftKey) return 'next'
  if (event.key === 'ArrowUp' && !event.shiftKey) return 'previous'
  if (event.key === 'Enter' && !event.shiftKey) return 'open'
  const letter = letterOf(event)
  if (event.shiftKey) return letter === 'n' ? 'noReplyNeeded' : letter === 's' ? 'syncNow' : null
  return letter === 'j' ? 'next' : letter === 'k' ? 'previous' : letter === 'r' ? 'reply' : null
}

const textInputTypes = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
])

/** A field where keys are text: shortcuts must leave them alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true
  if (target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return textInputTypes.has(target.type)
  return /^(textbox|searchbox|combobox|spinbutton)$/.test(target.getAttribute('role') ?? '')
}

/** Controls that give Enter or the arrows a meaning of their own (buttons, tabs, lists…). */
function ownsKey(target: EventTarget | null, id: ShortcutId): boolean {
  if (!(target instanceof Element)) return false
  if (id === 'open') {
    return (
      target.closest(
        'button, a[href], summary, [role="button"], [role="link"], [role="tab"], [role="switch"], [role="menuitem"], [role="checkbox"]',
      ) !== null
    )
  }
  if (id === 'next' || id === 'previous') {
    return (
      target.closest(
        '[role="tablist"], [role="listbox"], [role="menu"], [role="radiogroup"], [role="tree"], [role="grid"], [role="slider"]',
      ) !== null
    )
  }
  return false
}

function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"], dialog[open]') !== null
}

/** A region by its accessible name, e.g. the inbox's "Conversation" pane. */
function regionNamed(name: string): HTMLElement | null {
  for (const element of document.querySelectorAll<HTMLElement>(
    'section[aria-label], [role="region"][aria-label]',
  )) {
    if (element.getAttribute('aria-label') === name) return element
  }
  return null
}

function conversationRegion(): HTMLElement | null {
  return regionNamed(i18next.t('conversation:pane.title'))
}

function focus(element: HTMLElement | null): boolean {
  if (!element) return false
  if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
    element.setAttribute('tabindex', '-1')
  }
  element.focus()
  return document.activeElement === element
}

const helpOpen = ref(false)

/** The help dialog's state, shared by the shortcut, the top bar's button and the dialog. */
export function useShortcutsHelp() {
  return {
    open: helpOpen,
    show: () => (helpOpen.value = true),
    hide: () => (helpOpen.value = false),
  }
}

/** Installs the desk's keyboard shortcuts for as long as the calling scope lives (App.vue). */
export function useShortcuts(): void {
  const router = useRouter()
  const route = useRoute()
  const onInbox = () => route.name === 'inbox'

  const actions: Record<ShortcutId, () => boolean | Promise<boolean>> = {
    next: () => onInbox() && (useInboxStore().selectNext(), true),
    previous: () => onInbox() && (useInboxStore().selectPrevious(), true),
    open: () => onInbox() && focus(conversationRegion()),
    reply: () => {
      if (!onInbox()) return false
      const box = conversationRegion()?.querySelector<HTMLTextAreaElement>(
        'textarea:not([disabled])',
      )
      return focus(box ?? null)
    },
    noReplyNeeded: () => {
      if (!onInbox()) return false
      const conversation = useConversationStore()
      if (!conversation.conversation || conversation.isRequestToBook) return false
      void conversation.setNoReplyNeeded(!conversation.noReplyNeeded)
      return true
    },
    search: async () => {
      if (!onInbox()) await router.push({ name: 'inbox' })
      await nextTick()
      return focus(document.querySelector<HTMLElement>('input[type="search"], [role="searchbox"]'))
    },
    syncNow: () => (void useSyncStore().syncNow(), true),
    help: () => ((helpOpen.value = true), true),
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || dialogOpen() || isTextEntry(event.target)) return
    const id = shortcutOf(event)
    if (!id || ownsKey(event.target, id)) return
    // Holding J or ↓ keeps moving; any other shortcut acts once per press.
    if (event.repeat && id !== 'next' && id !== 'previous') return
    const handled = actions[id]()
    // `/` must not also type into the search box it just focused.
    if (handled === true || handled instanceof Promise) event.preventDefault()
  }

  window.addEventListener('keydown', onKeydown)
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown))
}
