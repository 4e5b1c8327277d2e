import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises, mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { InnboxDb } from '@/db'
import ConversationHeader from '@/features/conversation/ConversationHeader.vue'
import MessageTimeline from '@/features/conversation/MessageTimeline.vue'
import { i18next, initI18n } from '@/i18n'
import { useSettingsStore } from '@/stores/settings'
import { useTranslationStore } from '@/stores/translation'
import type { BridgeResult } from '@shared/bridge/result'
import type { TranslateResult, TranslationStatus } from '@shared/bridge/translation-schemas'
import { openDesk } from './mount'
import { addConversation, guestMessage, openDb, propertyMessage, T0 } from './world'

// The translation pane in the timeline: each guest message's language detected here, "Show
// translation", the automatic switch; the original always stays on screen above its
// translation; right-to-left text in both, each its own bidi-isolated paragraph.

const bridge = vi.hoisted(() => ({
  translate: vi.fn(),
  status: vi.fn(),
  updateSettings: vi.fn(),
}))

vi.mock('@/bridge', () => ({
  desk: {
    translation: { translate: bridge.translate, status: bridge.status },
    settings: { get: vi.fn(), update: bridge.updateSettings },
    attachments: { get: vi.fn() },
    on: () => () => {},
  },
}))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

const configured: TranslationStatus = {
  kind: 'libretranslate',
  baseUrl: 'https://translate.example.org',
  hasKey: false,
  recipient: 'translate.example.org',
  providerId: 'libretranslate:translate.example.org',
}

const french = 'Bonjour, est-ce que le petit-déjeuner est inclus dans le prix de la chambre ?'
const arabic = 'مرحبا، هل يوجد موقف سيارات مجاني بالقرب من الفندق؟'

/** Real words, so the right-to-left case is real too. */
const dictionary: Record<string, Record<string, string>> = {
  en: {
    [french]: 'Hello, is breakfast included in the price of the room?',
    [arabic]: 'Hello, is there free parking near the hotel?',
  },
  ar: { [french]: 'مرحبًا، هل الإفطار مشمول في سعر الغرفة؟' },
}

async function translating({
  texts,
  target,
}: {
  texts: string[]
  target: string
}): Promise<BridgeResult<TranslateResult>> {
  return {
    ok: true,
    value: {
      providerId: configured.providerId,
      translations: texts.map((text) => ({
        text: dictionary[target]?.[text] ?? `[${target}] ${text}`,
        detectedSource: null,
      })),
    },
  }
}

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
  bridge.translate.mockReset()
  bridge.translate.mockImplementation(translating)
  bridge.status.mockReset()
  bridge.status.mockResolvedValue({ ok: true, value: configured })
  bridge.updateSettings.mockReset()
})

afterEach(async () => {
  // Nothing of this test's desk may go on translating into the next test.
  useTranslationStore().$dispose()
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
  await i18next.changeLanguage('en')
})

async function pane(options: { auto?: boolean; staffLanguage?: 'ar' | 'en' } = {}) {
  await addConversation(db, {
    messages: [
      guestMessage('m1', french, T0 - 3 * 3_600_000),
      guestMessage('m2', arabic, T0 - 2 * 3_600_000),
      guestMessage('m3', '<b>Merci</b> beaucoup pour votre accueil chaleureux !', T0 - 3_600_000),
      propertyMessage('p1', 'Avec plaisir !', T0 - 1_800_000),
    ],
  })
  const { pinia } = await openDesk(db)
  useSettingsStore().snapshot = {
    values: {
      language: 'en',
      autoTranslate: options.auto ?? false,
      staffLanguage: options.staffLanguage ?? null,
    },
    recovery: null,
  }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'inbox', component: { template: '<div />' } },
      { path: '/settings', name: 'settings', component: { template: '<div />' } },
    ],
  })
  const mountIn = (component: Component) =>
    mount(component, {
      attachTo: document.body,
      global: { plugins: [pinia, router, [I18NextVue, { i18next }]] },
    })
  const timeline = mountIn(MessageTimeline)
  const store = useTranslationStore()
  await vi.waitFor(() => expect(store.detections.size).toBe(3), { timeout: 10_000 })
  await flushPromises()
  const message = (text: string) =>
    timeline.findAll('.message').find((m) => m.text().includes(text))!
  return { pinia, mountIn, timeline, store, message }
}

describe('each guest message', () => {
  it('shows the language detected on this desk, by name, without sending anything', async () => {
    const { message } = await pane()
    const chip = message(french).get('.translation__language')
    expect(chip.text()).toContain('French')
    expect(chip.get('.visually-hidden').text()).toBe('Language: French')
    expect(message(arabic).get('.translation__language').text()).toContain('Arabic')
    expect(message('Avec plaisir').find('.translation__language').exists()).toBe(false)
    expect(bridge.translate).not.toHaveBeenCalled()
  })
})

describe('"Show translation"', () => {
  it('shows the translation under the original, which stays on screen', async () => {
    const { message } = await pane()
    const item = message(french)
    await item.get('.translation__toggle').trigger('click')
    await vi.waitFor(() =>
      expect(message(french).text()).toContain('Hello, is breakfast included in the price'),
    )
    const bodies = message(french).findAll('.guest-text__body')
    expect(bodies.map((body) => body.text())).toEqual([
      french,
      'Hello, is breakfast included in the price of the room?',
    ])
    const block = message(french).get('.translation__block')
    expect(block.attributes('aria-label')).toBe('Translation (English)')
    expect(block.text()).toContain('Machine translation by LibreTranslate')
    expect(message(french).get('.translation__toggle').text()).toBe('Hide translation')

    await message(french).get('.translation__toggle').trigger('click')
    expect(message(french).find('.translation__block').exists()).toBe(false)
    expect(message(french).get('.guest-text__body').text()).toBe(french)
  })

  it('lays out right-to-left text in the original and in the translation, each isolated', async () => {
    const { message } = await pane({ staffLanguage: 'ar' })
    await message(french).get('.translation__toggle').trigger('click')
    await message(arabic).get('.translation__toggle').trigger('click')
    await vi.waitFor(() => expect(message(french).findAll('.guest-text__body')).toHaveLength(2))
    const [original, translation] = message(french).findAll('.guest-text__body')
    expect(original!.attributes('dir')).toBe('auto')
    expect(translation!.attributes('dir')).toBe('auto')
    expect(translation!.attributes('lang')).toBe('ar')
    expect(translation!.text()).toBe('مرحبًا، هل الإفطار مشمول في سعر الغرفة؟')
    // An Arabic message for an Arabic-speaking desk is already in its language: its "translation"
    // comes back unchanged, and still the original stays, in its own paragraph.
    const arabicBodies = message(arabic).findAll('.guest-text__body')
    expect(arabicBodies[0]!.text()).toBe(arabic)
    expect(arabicBodies[0]!.attributes('dir')).toBe('auto')
  })

  it('shows markup in a translation as text, never as HTML', async () => {
    const { message } = await pane()
    const item = message('Merci')
    await item.get('.translation__toggle').trigger('click')
    await vi.waitFor(() => expect(message('Merci').findAll('.guest-text__body')).toHaveLength(2))
    const translation = message('Merci').findAll('.guest-text__body')[1]!
    expect(translation.text()).toBe('[en] <b>Merci</b> beaucoup pour votre accueil chaleureux !')
    expect(translation.find('b').exists()).toBe(false)
  })

  it('says when it waits for the network, and the original stays readable', async () => {
    bridge.translate.mockResolvedValue({
      ok: false,
      error: { code: 'offline', message: 'x', details: { translation: { code: 'offline' } } },
    })
    const { message } = await pane()
    await message(french).get('.translation__toggle').trigger('click')
    await vi.waitFor(() =>
      expect(message(french).get('.translation__state').text()).toBe(
        'Waiting for the network: it will be translated as soon as the service can be reached.',
      ),
    )
    expect(message(french).get('.translation__state').attributes('role')).toBe('status')
    expect(message(french).get('.guest-text__body').text()).toBe(french)
  })

  it('sends the reader to Settings while no service is configured', async () => {
    bridge.status.mockResolvedValue({
      ok: true,
      value: { kind: 'none', baseUrl: null, hasKey: false, recipient: null, providerId: 'none' },
    })
    bridge.translate.mockResolvedValue({
      ok: false,
      error: {
        code: 'unconfigured',
        message: 'x',
        details: { translation: { code: 'not_configured' } },
      },
    })
    const { message } = await pane()
    await message(french).get('.translation__toggle').trigger('click')
    await vi.waitFor(() =>
      expect(message(french).text()).toContain(
        'Not translated. Translation is off. Choose a translation service in Settings.',
      ),
    )
    const link = message(french).get('a.translation__action')
    expect(link.text()).toBe('Open Settings')
    expect(link.attributes('href')).toBe('/settings')
  })

  it('offers "Try again" after a failure, with the reason', async () => {
    bridge.translate.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'platform_refused',
        message: 'x',
        details: { translation: { code: 'unsupported_pair', source: 'fr', target: 'en' } },
      },
    })
    const { message } = await pane()
    await message(french).get('.translation__toggle').trigger('click')
    await vi.waitFor(() =>
      expect(message(french).text()).toContain(
        'This service cannot translate between these languages (French → English).',
      ),
    )
    await message(french).get('button.translation__action').trigger('click')
    await vi.waitFor(() => expect(message(french).findAll('.guest-text__body')).toHaveLength(2))
  })
})

describe('the automatic switch', () => {
  it('is offered in the header once a service is configured, and saves the choice', async () => {
    bridge.updateSettings.mockResolvedValue({
      ok: true,
      value: { values: { language: 'en', autoTranslate: true }, recovery: null },
    })
    const { mountIn } = await pane()
    const header = mountIn(ConversationHeader)
    await flushPromises()
    const toggle = header
      .findAll('[role="switch"]')
      .find((button) => button.text() === 'Translate automatically')!
    // The longer explanation is its description, not part of its name.
    const hint = header.get(`#${toggle.attributes('aria-describedby')}`)
    expect(hint.text()).toBe(
      'Translates every guest message into your language (English) when a conversation opens.',
    )
    expect(toggle.attributes('aria-checked')).toBe('false')
    await toggle.trigger('click')
    expect(bridge.updateSettings).toHaveBeenCalledWith({ autoTranslate: true })
    await flushPromises()
    expect(toggle.attributes('aria-checked')).toBe('true')
  })

  it('translates every guest message not in the staff language, each under its original', async () => {
    const { message } = await pane({ auto: true })
    await vi.waitFor(() => expect(message(french).findAll('.guest-text__body')).toHaveLength(2))
    await vi.waitFor(() => expect(message(arabic).findAll('.guest-text__body')).toHaveLength(2))
    expect(message(arabic).findAll('.guest-text__body')[0]!.text()).toBe(arabic)
    expect(message('Avec plaisir').find('.translation__block').exists()).toBe(false)
    // Each guest message was sent once (grouped by language), our own reply never.
    const sent = bridge.translate.mock.calls.flatMap(
      ([args]) => (args as { texts: string[] }).texts,
    )
    expect(sent.sort()).toEqual(
      [french, arabic, '<b>Merci</b> beaucoup pour votre accueil chaleureux !'].sort(),
    )
  })

  it('is not offered while nothing may leave the machine', async () => {
    bridge.status.mockResolvedValue({
      ok: true,
      value: { kind: 'none', baseUrl: null, hasKey: false, recipient: null, providerId: 'none' },
    })
    const { mountIn } = await pane()
    const header = mountIn(ConversationHeader)
    await flushPromises()
    expect(header.text()).not.toContain('Translate automatically')
  })
})
