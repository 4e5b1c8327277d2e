import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { desk } from '@/bridge'
import { useLiveQuery } from '@/composables/useLiveQuery'
import type { GuestMessageCandidate, RecentGuestMessages } from '@/db/notification-queries'
import { recentGuestMessages } from '@/db/notification-queries'
import { propertiesByName } from '@/db/reservation-queries'
import { i18next } from '@/i18n'
import type { DesktopNotification } from '@shared/bridge/schemas'
import { useAppStore } from './app'
import { useSettingsStore } from './settings'
import { useSyncStore } from './sync'

/** How far back a message still counts as new when it reaches the desk late. [ours] */
export const NOTIFY_LOOKBACK_MS = 24 * 60 * 60 * 1000
/** At most this many notifications for one batch of messages: a reconnect must not flood the screen. [ours] */
export const MAX_BURST = 5
const TITLE_CHARS = 60
const PREVIEW_CHARS = 120

// Control characters, bidi embeddings, overrides and isolates, zero-width and BOM characters:
// a notification is plain text, and a guest must not be able to reorder or hide what it says.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g
const stackedMarks = /(\p{M}{3})\p{M}+/gu

/** A short plain-text line from a guest's text: one line, no tricks, cut at a word. */
export function plainPreview(text: string, maxChars: number): string {
  const flat = text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(invisible, '')
    .replace(stackedMarks, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  const chars = [...flat]
  if (chars.length <= maxChars) return flat
  const cut = chars.slice(0, maxChars - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`
}

export interface NotifyContext {
  /** The window is hidden or not focused: nobody is looking at the inbox. */
  background: boolean
  /** This host may show notifications (the OS's, or the browser's once allowed). */
  enabled: boolean
  muted: ReadonlySet<string>
  /** The title when the guest's name is unknown ("Guest" in the UI language). */
  unnamedGuest: string
}

/**
 * Which notifications new guest messages raise: only in the background, only where allowed,
 * not for muted properties, the latest few of a burst, each with no more than the guest's
 * name and a short plain-text preview (never the property, dates or contact details).
 */
export function notificationsFor(
  fresh: readonly GuestMessageCandidate[],
  context: NotifyContext,
): DesktopNotification[] {
  if (!context.background || !context.enabled) return []
  return fresh
    .filter((message) => !context.muted.has(message.propertyId))
    .slice(-MAX_BURST)
    .map((message) => ({
      title: plainPreview(message.guestName ?? '', TITLE_CHARS) || context.unnamedGuest,
      body: plainPreview(message.content, PREVIEW_CHARS),
      conversationId: message.conversationId,
    }))
}

export type NotificationMode = 'system' | 'browser' | 'unsupported'

/**
 * Desktop notifications for new guest messages while the window is in the background: found
 * with a live query on the conversations whose latest message is an unread guest message (never
 * during the first sync), shown by the OS through the bridge in the Electron app and by the
 * browser's Notification API in the web host; muted per property in the settings. The window
 * looked at follows the latest such message: one sent more than a day before it is not news.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const sync = useSyncStore()
  const settings = useSettingsStore()
  const app = useAppStore()
  const browserApi = typeof window !== 'undefined' && 'Notification' in window
  const mode = computed<NotificationMode>(() =>
    app.info?.host === 'electron' ? 'system' : browserApi ? 'browser' : 'unsupported',
  )
  const permission = ref<NotificationPermission>(browserApi ? Notification.permission : 'denied')
  const enabled = computed(
    () => mode.value === 'system' || (mode.value === 'browser' && permission.value === 'granted'),
  )
  const muted = computed(() => new Set(settings.snapshot?.values.mutedNotificationProperties ?? []))
  const properties = useLiveQuery(
    () => sync.db,
    (db) => (db ? propertiesByName(db) : Promise.resolve([])),
    [],
  )

  // What was already seen (message id → timestamp), and from when the query looks.
  const seen = new Map<string, number>()
  const since = ref(Date.now() - NOTIFY_LOOKBACK_MS)
  let baselined = false
  /** True once the store has taken what was already there as seen and watches for news. */
  const listening = ref(false)
  let open: (conversationId: string) => void = () => {}

  // The first answer is the baseline: what is stored by then is taken as seen, except guest
  // messages sent since the app started and after the first sync ended (what it brings in is
  // history). The read is of an index holding only unread guest messages (db/notification-
  // queries.ts): a write elsewhere does not wake it, so it needs no wait for a quiet moment.
  const startedAt = Date.now()
  let answered = false
  const recent = useLiveQuery(
    () => ({ db: sync.db, since: since.value }),
    ({ db, since }) => (db ? recentGuestMessages(db, since) : Promise.resolve(null)),
    null as RecentGuestMessages | null,
  )
  watch(recent.value, (answer) => {
    if (!answer) return
    const fresh = answer.messages.filter((message) => !seen.has(message.messageId))
    for (const message of fresh) seen.set(message.messageId, message.timestamp)
    // The first answer, and everything the first sync brings in, is what was there already.
    const canNotify = baselined
    const first = !answered
    answered = true
    baselined = answer.bootstrapped
    listening.value = baselined
    if (canNotify) notify(fresh)
    else if (first && baselined) {
      const from = Math.max(startedAt, answer.bootstrappedAt ?? startedAt)
      notify(fresh.filter((message) => message.timestamp >= from))
    }
    const latest = answer.messages.at(-1)?.timestamp
    if (latest !== undefined) {
      const next = latest - NOTIFY_LOOKBACK_MS
      if (next > since.value) {
        since.value = next
        for (const [id, at] of seen) if (at < next) seen.delete(id)
      }
    }
  })

  function isBackground(): boolean {
    return document.visibilityState === 'hidden' || !document.hasFocus()
  }

  function notify(fresh: GuestMessageCandidate[]): void {
    const shown = notificationsFor(fresh, {
      background: isBackground(),
      enabled: enabled.value,
      muted: muted.value,
      unnamedGuest: i18next.t('settings:notifications.unnamedGuest'),
    })
    for (const notification of shown) {
      if (mode.value === 'system') void desk.notifications.show(notification)
      else showInBrowser(notification)
    }
  }

  function showInBrowser({ title, body, conversationId }: DesktopNotification): void {
    // One notification per conversation on screen: a newer message replaces the older one.
    const shown = new Notification(title, { body, tag: conversationId })
    shown.onclick = () => {
      window.focus()
      shown.close()
      open(conversationId)
    }
  }

  /** Asks the browser (web host only); call it from a click, browsers refuse it otherwise. */
  async function requestPermission(): Promise<void> {
    if (mode.value !== 'browser') return
    permission.value = await Notification.requestPermission()
  }

  function setMuted(propertyId: string, mute: boolean): Promise<boolean> {
    const next = new Set(muted.value)
    if (mute) next.add(propertyId)
    else next.delete(propertyId)
    return settings.update({ mutedNotificationProperties: [...next].sort() })
  }

  /**
   * Starts following clicks on notifications: `openConversation` shows the conversation (the
   * app selects it in the inbox). Returns the function that stops.
   */
  function start(openConversation: (conversationId: string) => void): () => void {
    open = openConversation
    return desk.on('notifications:clicked', ({ conversationId }) => open(conversationId))
  }

  return {
    listening,
    mode,
    permission,
    enabled,
    muted,
    properties: computed(() => properties.value.value),
    requestPermission,
    setMuted,
    start,
  }
})
