import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InnboxDb, TranslationRecord } from '@/db'
import { translationsOf } from '@/db/translation-queries'
import { useConversationStore } from '@/stores/conversation'
import { useInboxStore } from '@/stores/inbox'
import { useSettingsStore } from '@/stores/settings'
import { useSyncStore } from '@/stores/sync'
import { useTranslationStore } from '@/stores/translation'
import {
  createTranslationQueue,
  OFFLINE_RETRY_MS,
  RATE_LIMIT_DEFAULT_MS,
  type QueueDeps,
} from '@/stores/translation-jobs'
import { useTranslationServiceStore } from '@/stores/translation-service'
import type { BridgeResult } from '@shared/bridge/result'
import type { TranslateResult, TranslationStatus } from '@shared/bridge/translation-schemas'
import {
  addConversation,
  guestMessage,
  openDb,
  propertyMessage,
} from '../features/conversation/world'

// The translation queue on its own (batches, offline queue, rate limits, failures), then the
// store over a real offline store (fake-indexeddb) with the bridge replaced: cached translations
// keyed by message, language and service, readable offline and after a reload, the automatic
// switch, and requests asked for offline filled in when the network returns.

const bridge = vi.hoisted(() => ({
  translate: vi.fn(),
  status: vi.fn(),
}))

vi.mock('@/bridge', () => ({
  desk: {
    translation: { translate: bridge.translate, status: bridge.status },
    settings: { get: vi.fn(), update: vi.fn(async () => ({ ok: false, error: {} })) },
    attachments: { get: vi.fn() },
    on: () => () => {},
  },
}))
vi.mock('@/stores/inbox', () => import('../features/conversation/fake-inbox'))
// The page's detector with the real model, whose answers a test may hold back (a worker's
// answer comes after the stored translations are read).
const detection = vi.hoisted(() => ({ held: Promise.resolve() }))
vi.mock('@/language/detector', async () => {
  const { detectLanguage } = await import('@shared/language/detect')
  return {
    languageDetector: () => ({
      async detect(texts: readonly string[]) {
        await detection.held
        return texts.map((text) => detectLanguage(text))
      },
      warm() {},
      dispose() {},
    }),
  }
})

const PROVIDER = 'libretranslate:127.0.0.1:5000'
const configured: TranslationStatus = {
  kind: 'libretranslate',
  baseUrl: 'http://127.0.0.1:5000',
  hasKey: false,
  recipient: '127.0.0.1:5000',
  providerId: PROVIDER,
}

type TranslateArgs = { texts: string[]; source: string | null; target: string }

/** The bridge as a service that answers `[<target>] <text>`. */
function answering(providerId = PROVIDER) {
  return async ({ texts, target }: TranslateArgs): Promise<BridgeResult<TranslateResult>> => ({
    ok: true,
    value: {
      providerId,
      translations: texts.map((text) => ({ text: `[${target}] ${text}`, detectedSource: null })),
    },
  })
}

const offline = async (): Promise<BridgeResult<TranslateResult>> => ({
  ok: false,
  error: {
    code: 'offline',
    message: 'LibreTranslate at 127.0.0.1:5000 could not be reached.',
    details: { translation: { code: 'offline' } },
  },
})

describe('the translation queue', () => {
  function queueWith(overrides: Partial<QueueDeps> = {}) {
    const timers: { run: () => void; at: number }[] = []
    let now = 1_000
    const deps: QueueDeps = {
      translate: vi.fn(async (texts: string[], _source: string | null, target: string) =>
        answering()({ texts, source: null, target }),
      ),
      save: vi.fn(async () => {}),
      isOnline: () => true,
      now: () => now,
      setTimer: (run, delay) => {
        const timer = { run, at: now + delay }
        timers.push(timer)
        return () => timers.splice(timers.indexOf(timer), 1)
      },
      ...overrides,
    }
    const queue = createTranslationQueue(deps)
    const advance = async (ms: number) => {
      now += ms
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.run()
      }
      await vi.waitFor(() => expect(queue.jobs.size).toBeGreaterThanOrEqual(0))
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const job = (id: string, target = 'en', source: string | null = null) => ({
      messageId: id,
      conversationId: 'c1',
      text: `text ${id}`,
      source,
      target,
    })
    return { queue, deps, advance, job, timers }
  }

  it('sends jobs with the same languages in one request and saves them with the service', async () => {
    const { queue, deps, job } = queueWith()
    queue.request(job('m1'))
    queue.request(job('m2'))
    queue.request(job('m3', 'de'))
    await vi.waitFor(() => expect(queue.jobs.get('m3|de')?.state.status).toBe('done'))
    expect(deps.translate).toHaveBeenCalledTimes(2)
    expect(deps.translate).toHaveBeenNthCalledWith(1, ['text m1', 'text m2'], null, 'en')
    expect(deps.translate).toHaveBeenNthCalledWith(2, ['text m3'], null, 'de')
    expect(deps.save).toHaveBeenCalledWith([
      expect.objectContaining({
        messageId: 'm1',
        language: 'en',
        conversationId: 'c1',
        text: '[en] text m1',
        provider: PROVIDER,
      }),
      expect.objectContaining({ messageId: 'm2', text: '[en] text m2' }),
    ])
    expect(queue.jobs.get('m2|en')?.state).toEqual({ status: 'done', providerId: PROVIDER })
  })

  it('sends a job asked for while a request is on its way in the next request', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const translate = vi.fn(async (texts: string[], _s: string | null, target: string) => {
      await gate
      return answering()({ texts, source: null, target })
    })
    const { queue, job } = queueWith({ translate })
    queue.request(job('m1'))
    await vi.waitFor(() => expect(translate).toHaveBeenCalledTimes(1))
    queue.request(job('m2'))
    release()
    await vi.waitFor(() => expect(queue.jobs.get('m2|en')?.state.status).toBe('done'))
    expect(translate).toHaveBeenNthCalledWith(2, ['text m2'], null, 'en')
  })

  it('asks once for a message already pending or done, and again only when forced', async () => {
    const { queue, deps, job } = queueWith()
    queue.request(job('m1'))
    queue.request(job('m1'))
    await vi.waitFor(() => expect(queue.jobs.get('m1|en')?.state.status).toBe('done'))
    queue.request(job('m1'))
    expect(deps.translate).toHaveBeenCalledTimes(1)
    queue.request(job('m1'), { force: true })
    await vi.waitFor(() => expect(deps.translate).toHaveBeenCalledTimes(2))
  })

  it('queues what is asked offline, and sends it when the network is back', async () => {
    let online = false
    const { queue, deps, job } = queueWith({ isOnline: () => online })
    queue.request(job('m1'))
    await vi.waitFor(() => expect(queue.jobs.get('m1|en')?.state.status).toBe('queued'))
    expect(queue.jobs.get('m1|en')?.state).toMatchObject({ reason: 'offline' })
    expect(deps.translate).not.toHaveBeenCalled()
    online = true
    queue.retryQueued()
    await vi.waitFor(() => expect(queue.jobs.get('m1|en')?.state.status).toBe('done'))
  })

  it('backs off when the service cannot be reached, then tries again by itself', async () => {
    const translate = vi.fn<QueueDeps['translate']>(offline)
    const { queue, advance, job } = queueWith({ translate })
    queue.request(job('m1'))
    queue.request(job('m2', 'de'))
    await vi.waitFor(() => expect(queue.jobs.get('m2|de')?.state.status).toBe('queued'))
    // The second job met the same answer without a request of its own.
    expect(translate).toHaveBeenCalledTimes(1)
    expect(queue.jobs.get('m1|en')?.state).toEqual({
      status: 'queued',
      reason: 'offline',
      retryAt: 1_000 + OFFLINE_RETRY_MS,
    })
    translate.mockImplementation((texts: string[], _s: string | null, target: string) =>
      answering()({ texts, source: null, target }),
    )
    await advance(OFFLINE_RETRY_MS)
    await vi.waitFor(() => expect(queue.jobs.get('m1|en')?.state.status).toBe('done'))
    await vi.waitFor(() => expect(queue.jobs.get('m2|de')?.state.status).toBe('done'))
  })

  it('respects a rate limit: nothing is sent before Retry-After, then everything goes', async () => {
    const translate = vi.fn(async (): Promise<BridgeResult<TranslateResult>> => ({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'slow down',
        details: { retryAfterMs: 7_000, translation: { code: 'rate_limited' } },
      },
    }))
    const { queue, advance, job } = queueWith({ translate })
    queue.request(job('m1'))
    await vi.waitFor(() => expect(queue.jobs.get('m1|en')?.state.status).toBe('queued'))
    expect(queue.jobs.get('m1|en')?.state).toEqual({
      status: 'queued',
      reason: 'rate_limited',
      retryAt: 8_000,
    })
    queue.request(job('m2'))
    queue.retryQueued()
    await advance(6_000)
    expect(translate).toHaveBeenCalledTimes(1)
    translate.mockImplementation(async () =>
      answering()({ texts: ['a', 'b'], source: null, target: 'en' }),
    )
    await advance(1_000)
    await vi.waitFor(() => expect(queue.jobs.get('m2|en')?.state.status).toBe('done'))
    expect(translate).toHaveBeenCalledTimes(2)
  })

  it('waits half a minute after a rate limit that does not say how long', async () => {
    const { queue, job } = queueWith({
      translate: async () => ({ ok: false, error: { code: 'rate_limited', message: 'x' } }),
    })
    queue.request(job('m1'))
    await vi.waitFor(() =>
      expect(queue.jobs.get('m1|en')?.state).toMatchObject({
        retryAt: 1_000 + RATE_LIMIT_DEFAULT_MS,
      }),
    )
  })

  it('keeps the reason of a refusal, and goes on with the other languages', async () => {
    const translate = vi.fn(async (texts: string[], _s: string | null, target: string) =>
      target === 'th'
        ? ({
            ok: false,
            error: {
              code: 'platform_refused',
              message: 'no',
              details: {
                translation: { code: 'unsupported_pair', source: null, target: 'th' },
              },
            },
          } as const)
        : answering()({ texts, source: null, target }),
    )
    const { queue, job } = queueWith({ translate })
    queue.request(job('m1', 'th'))
    queue.request(job('m2', 'en'))
    await vi.waitFor(() => expect(queue.jobs.get('m2|en')?.state.status).toBe('done'))
    expect(queue.jobs.get('m1|th')?.state).toEqual({
      status: 'failed',
      failure: { code: 'unsupported_pair', source: null, target: 'th' },
    })
  })

  it('says so when the translation cannot be stored', async () => {
    const { queue, job } = queueWith({ save: async () => Promise.reject(new Error('quota')) })
    queue.request(job('m1'))
    await vi.waitFor(() =>
      expect(queue.jobs.get('m1|en')?.state).toEqual({
        status: 'failed',
        failure: { code: 'storage_failed' },
      }),
    )
  })

  it('groups by source language too', async () => {
    const { queue, deps, job } = queueWith()
    queue.request(job('m1', 'en', 'fr'))
    queue.request(job('m2', 'en', 'de'))
    await vi.waitFor(() => expect(queue.jobs.get('m2|en')?.state.status).toBe('done'))
    expect(deps.translate).toHaveBeenCalledWith(['text m1'], 'fr', 'en')
    expect(deps.translate).toHaveBeenCalledWith(['text m2'], 'de', 'en')
  })
})

describe('the translation store', () => {
  let factory: IDBFactory
  let db: InnboxDb
  const dbName = 'translation-store'

  beforeEach(() => {
    factory = new IDBFactory()
    db = openDb(factory, dbName)
    bridge.translate.mockReset()
    bridge.status.mockReset()
    bridge.translate.mockImplementation(answering())
    bridge.status.mockResolvedValue({ ok: true, value: configured })
  })

  afterEach(() => {
    detection.held = Promise.resolve()
    // Nothing of this test's desk may go on translating into the next test.
    useTranslationStore().$dispose()
    db.close()
    vi.restoreAllMocks()
  })

  async function world() {
    await addConversation(db, {
      messages: [
        guestMessage('m1', 'Bonjour, est-ce que le petit-déjeuner est inclus dans le prix ?'),
        guestMessage('m2', 'Could we please have a late checkout on Sunday, around two?'),
        propertyMessage('m3', 'Bien sûr, avec plaisir.'),
      ],
    })
  }

  async function desk(options: { auto?: boolean; detected?: number } = {}) {
    setActivePinia(createPinia())
    const sync = useSyncStore()
    sync.db = db
    vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
    const settings = useSettingsStore()
    settings.snapshot = {
      values: { language: 'en', autoTranslate: options.auto ?? false },
      recovery: null,
    }
    useInboxStore().selectConversation('c1')
    const open = useConversationStore()
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())
    const service = useTranslationServiceStore()
    const store = useTranslationStore()
    await vi.waitFor(() => expect(service.configured).toBe(true))
    // Languages are detected on first use (on the page here: no Worker in unit tests).
    await vi.waitFor(() => expect(store.detections.size).toBe(options.detected ?? 2), {
      timeout: 10_000,
    })
    const message = (id: string) => {
      const item = open.timeline.find((i) => i.kind === 'message' && i.message.messageId === id)
      if (item?.kind !== 'message') throw new Error(`no message ${id}`)
      return item.message
    }
    return { store, service, settings, open, message }
  }

  it('detects each guest message on the device', async () => {
    await world()
    const { store, message } = await desk()
    expect(store.viewOf(message('m1')).detected?.language).toBe('fr')
    expect(store.viewOf(message('m2')).detected?.language).toBe('en')
    expect(store.viewOf(message('m3')).detected).toBeNull()
    expect(bridge.translate).not.toHaveBeenCalled()
  })

  it('"Show translation" asks once, names the detected source, and keeps the result', async () => {
    await world()
    const { store, message } = await desk()
    expect(store.viewOf(message('m1'))).toMatchObject({ state: 'idle', visible: false })
    store.show(message('m1'))
    expect(store.viewOf(message('m1'))).toMatchObject({ state: 'pending', visible: true })
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record).not.toBeNull())
    expect(store.viewOf(message('m1'))).toMatchObject({
      state: 'idle',
      stale: false,
      visible: true,
      record: { text: expect.stringMatching(/^\[en\] Bonjour/), provider: PROVIDER },
    })
    expect(bridge.translate).toHaveBeenCalledTimes(1)
    expect(bridge.translate).toHaveBeenCalledWith({
      texts: [message('m1').message.content],
      source: 'fr',
      target: 'en',
    })
    const stored = await translationsOf(db, 'c1', 'en')
    expect([...stored.keys()]).toEqual(['m1'])
    // Hidden, then shown again: from the store, without asking.
    store.hide('m1')
    expect(store.viewOf(message('m1')).visible).toBe(false)
    store.show(message('m1'))
    expect(store.viewOf(message('m1')).visible).toBe(true)
    expect(bridge.translate).toHaveBeenCalledTimes(1)
  })

  it('still shows a stored translation offline, after a reload', async () => {
    await world()
    const first = await desk()
    first.store.show(first.message('m1'))
    await vi.waitFor(() => expect(first.store.viewOf(first.message('m1')).record).not.toBeNull())
    db.close()
    // A reload: a new page, the same IndexedDB; the service cannot be reached any more.
    db = openDb(factory, dbName)
    bridge.translate.mockImplementation(offline)
    const again = await desk()
    await vi.waitFor(() =>
      expect(again.store.viewOf(again.message('m1')).record?.text).toMatch(/^\[en\] Bonjour/),
    )
    expect(again.store.viewOf(again.message('m1')).visible).toBe(true)
    expect(bridge.translate).toHaveBeenCalledTimes(1)
  })

  it('queues a translation asked for offline and fills it in when the network returns', async () => {
    await world()
    bridge.translate.mockImplementation(offline)
    const { store, message } = await desk()
    store.show(message('m1'))
    await vi.waitFor(() => expect(store.viewOf(message('m1')).state).toBe('queued'))
    expect(store.viewOf(message('m1'))).toMatchObject({ queuedReason: 'offline', record: null })
    bridge.translate.mockImplementation(answering())
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record).not.toBeNull())
    expect(store.viewOf(message('m1')).state).toBe('idle')
  })

  it('tries queued translations again after a sync reached the platform', async () => {
    await world()
    bridge.translate.mockImplementation(offline)
    const { store, message } = await desk()
    store.show(message('m1'))
    await vi.waitFor(() => expect(store.viewOf(message('m1')).state).toBe('queued'))
    bridge.translate.mockImplementation(answering())
    const sync = useSyncStore()
    sync.status = { state: 'idle', lastSyncAt: Date.now() } as typeof sync.status
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record).not.toBeNull())
  })

  it('says why a translation failed, and tries again when asked', async () => {
    await world()
    bridge.translate.mockResolvedValue({
      ok: false,
      error: {
        code: 'auth_failed',
        message: 'LibreTranslate refused the API key.',
        details: { translation: { code: 'bad_key' } },
      },
    })
    const { store, message } = await desk()
    store.show(message('m1'))
    await vi.waitFor(() => expect(store.viewOf(message('m1')).state).toBe('failed'))
    expect(store.viewOf(message('m1')).failure).toEqual({ code: 'bad_key' })
    bridge.translate.mockImplementation(answering())
    store.retry(message('m1'))
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record).not.toBeNull())
  })

  it('translates every guest message automatically, except those already in the staff language', async () => {
    await world()
    const { store, message } = await desk({ auto: true })
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record).not.toBeNull())
    expect(store.viewOf(message('m2'))).toMatchObject({ visible: false, record: null })
    expect(store.viewOf(message('m3'))).toMatchObject({ visible: false, record: null })
    expect(bridge.translate).toHaveBeenCalledTimes(1)
  })

  it('asks for no automatic translation before the message language is known', async () => {
    // Messages this page has never detected: their languages arrive after the first answer.
    await addConversation(db, {
      messages: [
        guestMessage('auto-fr', 'Bonjour, pourriez-vous nous réserver une table pour ce soir ?'),
        guestMessage('auto-en', 'Is there a pharmacy near the hotel that opens on Sunday?'),
      ],
    })
    let answer = () => {}
    detection.held = new Promise((resolve) => (answer = resolve))
    const { store, message } = await desk({ auto: true, detected: 0 })
    // Time for the stored translations to be read: until then nothing would be asked anyway.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(bridge.translate).not.toHaveBeenCalled()
    expect(store.viewOf(message('auto-en'))).toMatchObject({ visible: false, detected: null })
    answer()
    await vi.waitFor(() => expect(store.viewOf(message('auto-fr')).record).not.toBeNull())
    expect(store.viewOf(message('auto-en'))).toMatchObject({ visible: false, record: null })
    expect(bridge.translate).toHaveBeenCalledTimes(1)
    expect(bridge.translate).toHaveBeenCalledWith({
      texts: ['Bonjour, pourriez-vous nous réserver une table pour ce soir ?'],
      source: 'fr',
      target: 'en',
    })
  })

  it('asks again in automatic mode for a translation another service made', async () => {
    await world()
    const old: TranslationRecord = {
      messageId: 'm1',
      language: 'en',
      conversationId: 'c1',
      text: 'an older translation',
      provider: 'deepl:api-free.deepl.com',
      translatedAt: 1,
    }
    await db.translations.put(old)
    const { store, message } = await desk({ auto: true })
    await vi.waitFor(() => expect(store.viewOf(message('m1')).record?.provider).toBe(PROVIDER))
    expect(bridge.translate).toHaveBeenCalledTimes(1)
  })

  it('translates into the staff language when it differs from the interface', async () => {
    await world()
    const { store, settings, message } = await desk()
    settings.snapshot = { values: { language: 'en', staffLanguage: 'de' }, recovery: null }
    store.show(message('m2'))
    await vi.waitFor(() => expect(store.viewOf(message('m2')).record?.language).toBe('de'))
    expect(bridge.translate).toHaveBeenCalledWith(
      expect.objectContaining({ source: 'en', target: 'de' }),
    )
  })

  it('takes the reply language from the booking, else from the guest messages', async () => {
    await world()
    const { store, open } = await desk()
    expect(store.guestLanguage).toEqual({ code: 'pt', from: 'booking' })
    await db.reservations.clear()
    await vi.waitFor(() => expect(open.reservation).toBeNull())
    // One French and one English message: French is the longer, surer one.
    expect(store.guestLanguage?.from).toBe('detected')
  })

  it('sends nothing while no service is configured, and says so', async () => {
    await world()
    bridge.status.mockResolvedValue({
      ok: true,
      value: { kind: 'none', baseUrl: null, hasKey: false, recipient: null, providerId: 'none' },
    })
    bridge.translate.mockResolvedValue({
      ok: false,
      error: {
        code: 'unconfigured',
        message: 'none',
        details: { translation: { code: 'not_configured' } },
      },
    })
    setActivePinia(createPinia())
    const sync = useSyncStore()
    sync.db = db
    useSettingsStore().snapshot = {
      values: { language: 'en', autoTranslate: true },
      recovery: null,
    }
    useInboxStore().selectConversation('c1')
    const open = useConversationStore()
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())
    const store = useTranslationStore()
    await vi.waitFor(() => expect(store.detections.size).toBe(2), { timeout: 10_000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.translate).not.toHaveBeenCalled()
  })
})
