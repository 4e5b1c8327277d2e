import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applyConversationUpdates,
  readSyncState,
  writeProperties,
  writeSyncState,
  type InnboxDb,
} from '@/db'
import type { GuestMessageCandidate } from '@/db/notification-queries'
import { initI18n } from '@/i18n'
import { DAY, HOUR, T0, conversation, freshDb, message, property } from '../db/builders'

type Listener = (payload: unknown) => void
const bridge = vi.hoisted(() => ({
  show: vi.fn(async () => ({ ok: true, value: null })),
  update: vi.fn(),
  listeners: new Map<string, Listener>(),
}))
vi.mock('@/bridge', () => ({
  desk: {
    notifications: { show: bridge.show },
    settings: { update: bridge.update },
    on: (event: string, listener: Listener) => {
      bridge.listeners.set(event, listener)
      return () => bridge.listeners.delete(event)
    },
  },
}))

const { useSyncStore } = await import('@/stores/sync')
const { useAppStore } = await import('@/stores/app')
const { useSettingsStore } = await import('@/stores/settings')
const { useNotificationsStore, notificationsFor, plainPreview, MAX_BURST } =
  await import('@/stores/notifications')

beforeAll(async () => {
  await initI18n('en')
})

const candidate = (overrides: Partial<GuestMessageCandidate> = {}): GuestMessageCandidate => ({
  messageId: 'm-1',
  conversationId: 'c-1',
  propertyId: 'p-1',
  timestamp: T0,
  guestName: 'Ana Sousa',
  content: 'Can we check in early?',
  ...overrides,
})
const context = { background: true, enabled: true, muted: new Set<string>(), unnamedGuest: 'Guest' }

describe('which notifications new guest messages raise', () => {
  it('raises one per message with only the guest name and a short preview', () => {
    const shown = notificationsFor([candidate()], context)
    expect(shown).toEqual([
      { title: 'Ana Sousa', body: 'Can we check in early?', conversationId: 'c-1' },
    ])
  })

  it('raises none while the window is in front', () => {
    expect(notificationsFor([candidate()], { ...context, background: false })).toEqual([])
  })

  it('raises none where the host may not show them', () => {
    expect(notificationsFor([candidate()], { ...context, enabled: false })).toEqual([])
  })

  it('leaves out muted properties', () => {
    const fresh = [candidate(), candidate({ messageId: 'm-2', propertyId: 'p-2' })]
    const shown = notificationsFor(fresh, { ...context, muted: new Set(['p-1']) })
    expect(shown).toHaveLength(1)
    expect(shown[0]!.conversationId).toBe('c-1')
  })

  it('shows only the latest few of a burst', () => {
    const fresh = Array.from({ length: 12 }, (_, i) =>
      candidate({ messageId: `m-${i}`, conversationId: `c-${i}` }),
    )
    const shown = notificationsFor(fresh, context)
    expect(shown).toHaveLength(MAX_BURST)
    expect(shown.at(-1)!.conversationId).toBe('c-11')
  })

  it('names an unnamed guest in the UI language', () => {
    expect(notificationsFor([candidate({ guestName: null })], context)[0]!.title).toBe('Guest')
    expect(notificationsFor([candidate({ guestName: '\u202e ' })], context)[0]!.title).toBe('Guest')
  })

  it('keeps the preview short, on one line and free of tricks', () => {
    const long = `Hello\n\nthere\u202Egpj.exe\u0000 ${'word '.repeat(100)}`
    const body = notificationsFor([candidate({ content: long })], context)[0]!.body
    expect(body.startsWith('Hello there')).toBe(true)
    expect(body).not.toContain('\n')
    expect(body).not.toContain('\u202e')
    expect(body).not.toContain('\u0000')
    expect([...body].length).toBeLessThanOrEqual(120)
    expect(body.endsWith('…')).toBe(true)
  })
})

describe('plainPreview', () => {
  it('cuts zalgo stacks and keeps markup as visible characters', () => {
    expect(plainPreview('e' + '\u0301'.repeat(30), 50)).toBe('e' + '\u0301'.repeat(3))
    expect(plainPreview('<b>late</b> & more', 50)).toBe('<b>late</b> & more')
  })

  it('keeps Thai and Arabic text whole', () => {
    expect(plainPreview('สวัสดีครับ', 50)).toBe('สวัสดีครับ')
    expect(plainPreview('مرحبا بكم', 50)).toBe('مرحبا بكم')
  })
})

describe('notifications store', () => {
  let db: InnboxDb
  let focused: boolean

  async function guestWrites(id: string, conversationId: string, propertyId: string, at: number) {
    await applyConversationUpdates(db, [
      {
        conversationId,
        propertyId,
        facts: {
          conversationType: 'reservation',
          reservationId: null,
          participants: conversation(conversationId, propertyId).participants,
          tags: {},
          hydrated: true,
        },
        messages: [
          message({ id, conversationId, propertyId, at, content: `Hello from ${conversationId}` }),
        ],
      },
    ])
  }
  const bootstrapped = (finishedAt: number | null) =>
    writeSyncState(db, 'bootstrap', {
      propertyIds: ['p-1', 'p-2'],
      doneProperties: finishedAt ? ['p-1', 'p-2'] : [],
      current: null,
      startedAt: T0 - DAY,
      finishedAt,
    })

  async function started(host: 'electron' | 'web', muted: string[] = []) {
    useAppStore().info = { name: 'Innbox', version: '1', platform: 'linux', osLocale: 'en', host }
    useSettingsStore().snapshot = {
      values: { language: 'en', mutedNotificationProperties: muted },
      recovery: null,
    }
    const store = useNotificationsStore()
    const opened = vi.fn<(conversationId: string) => void>()
    store.start(opened)
    useSyncStore().db = db
    // The first answer is the baseline: wait until the store has seen what is there (a fixed
    // sleep raced the first live answer on a busy machine). Before the first sync is over the
    // store never listens, so there a short pause is all there is to wait for.
    const bootstrap = await readSyncState(db, 'bootstrap')
    if (bootstrap?.finishedAt) await vi.waitFor(() => expect(store.listening).toBe(true))
    else await new Promise((resolve) => setTimeout(resolve, 50))
    return { store, opened }
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
    setActivePinia(createPinia())
    vi.clearAllMocks()
    bridge.listeners.clear()
    focused = false
    vi.spyOn(document, 'hasFocus').mockImplementation(() => focused)
    db = freshDb()
    await writeProperties(db, [property('p-1'), property('p-2')])
    await guestWrites('old-1', 'c-1', 'p-1', T0 - HOUR)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    db.close()
  })

  it('shows a new guest message through the OS in the Electron app, and not what was there', async () => {
    await bootstrapped(T0 - HOUR)
    await started('electron')
    expect(bridge.show).not.toHaveBeenCalled()
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
    await vi.waitFor(() =>
      expect(bridge.show).toHaveBeenCalledWith({
        title: 'Guest c-2',
        body: 'Hello from c-2',
        conversationId: 'c-2',
      }),
    )
    expect(bridge.show).toHaveBeenCalledTimes(1)
  })

  it('shows a guest message that came in after the app started, before its first look', async () => {
    await bootstrapped(T0 - HOUR)
    // Written after the start (the clock says T0) but before the store first looks: the list
    // reads the store first at start, and the first look takes what is there as seen.
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 500)
    await started('electron')
    await vi.waitFor(() => expect(bridge.show).toHaveBeenCalledTimes(1))
    expect(bridge.show).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c-2' }))
  })

  it('stays quiet about the first sync when its first look comes after that sync ended', async () => {
    await bootstrapped(null)
    // The first sync runs from the start (the clock says T0) and ends before the store first
    // looks (the list reads the store first): what it brought in is history.
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
    await guestWrites('new-2', 'c-3', 'p-2', T0 + 2000)
    await bootstrapped(T0 + 3000)
    await started('electron')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.show).not.toHaveBeenCalled()
    await guestWrites('new-3', 'c-4', 'p-2', T0 + 4000)
    await vi.waitFor(() => expect(bridge.show).toHaveBeenCalledTimes(1))
    expect(bridge.show).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c-4' }))
  })

  it('stays quiet during the first sync', async () => {
    await bootstrapped(null)
    await started('electron')
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
    // The sync finishes with the same transaction as its last page: still history.
    await guestWrites('new-2', 'c-3', 'p-2', T0 + 2000)
    await bootstrapped(T0 + 3000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.show).not.toHaveBeenCalled()
    await guestWrites('new-3', 'c-4', 'p-2', T0 + 4000)
    await vi.waitFor(() => expect(bridge.show).toHaveBeenCalledTimes(1))
    expect(bridge.show).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c-4' }))
  })

  it('stays quiet while the window is in front', async () => {
    await bootstrapped(T0 - HOUR)
    focused = true
    await started('electron')
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.show).not.toHaveBeenCalled()
  })

  it('stays quiet for muted properties and for the property side', async () => {
    await bootstrapped(T0 - HOUR)
    await started('electron', ['p-2'])
    await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
    await applyConversationUpdates(db, [
      {
        conversationId: 'c-1',
        messages: [
          message({
            id: 'ours',
            conversationId: 'c-1',
            propertyId: 'p-1',
            from: 'property',
            at: T0 + 2000,
          }),
        ],
      },
    ])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.show).not.toHaveBeenCalled()
    await guestWrites('new-2', 'c-1', 'p-1', T0 + 3000)
    await vi.waitFor(() => expect(bridge.show).toHaveBeenCalledTimes(1))
  })

  it('opens the conversation of a clicked notification', async () => {
    const { opened } = await started('electron')
    bridge.listeners.get('notifications:clicked')!({ conversationId: 'c-9' })
    expect(opened).toHaveBeenCalledWith('c-9')
  })

  it('uses the browser API in the web host once the user allowed it', async () => {
    const created: {
      title: string
      options: NotificationOptions
      onclick: (() => void) | null
      close: () => void
    }[] = []
    class FakeNotification {
      static permission: NotificationPermission = 'default'
      static requestPermission = vi.fn(async () => (FakeNotification.permission = 'granted'))
      onclick: (() => void) | null = null
      close = vi.fn()
      constructor(title: string, options: NotificationOptions) {
        created.push(Object.assign(this, { title, options }) as never)
      }
    }
    vi.stubGlobal('Notification', FakeNotification)
    try {
      await bootstrapped(T0 - HOUR)
      const { store, opened } = await started('web')
      expect(store.mode).toBe('browser')
      expect(store.enabled).toBe(false)
      await store.requestPermission()
      expect(store.enabled).toBe(true)
      await guestWrites('new-1', 'c-2', 'p-2', T0 + 1000)
      await vi.waitFor(() => expect(created).toHaveLength(1))
      expect(created[0]).toMatchObject({
        title: 'Guest c-2',
        options: { body: 'Hello from c-2', tag: 'c-2' },
      })
      expect(bridge.show).not.toHaveBeenCalled()
      created[0]!.onclick!()
      expect(opened).toHaveBeenCalledWith('c-2')
      expect(created[0]!.close).toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('saves a muted property in the settings', async () => {
    bridge.update.mockResolvedValue({
      ok: true,
      value: { values: { language: 'en', mutedNotificationProperties: ['p-2'] }, recovery: null },
    })
    const { store } = await started('electron', [])
    await store.setMuted('p-2', true)
    expect(bridge.update).toHaveBeenCalledWith({ mutedNotificationProperties: ['p-2'] })
    expect(store.muted.has('p-2')).toBe(true)
    bridge.update.mockResolvedValue({
      ok: true,
      value: { values: { language: 'en', mutedNotificationProperties: [] }, recovery: null },
    })
    await store.setMuted('p-2', false)
    expect(bridge.update).toHaveBeenLastCalledWith({ mutedNotificationProperties: [] })
  })
})
