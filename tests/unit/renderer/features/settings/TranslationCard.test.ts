import { flushPromises, mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import TranslationCard from '@/features/settings/TranslationCard.vue'
import { i18next, initI18n } from '@/i18n'
import { useSettingsStore } from '@/stores/settings'
import type { TranslationStatus } from '@shared/bridge/translation-schemas'

// Settings → Translation: which service receives guest text, said plainly; "Test translation"
// with the form's values; Save with the key going only to the Node side; the staff language.

const bridge = vi.hoisted(() => ({
  status: vi.fn(),
  configure: vi.fn(),
  test: vi.fn(),
  updateSettings: vi.fn(),
}))

vi.mock('@/bridge', () => ({
  desk: {
    translation: { status: bridge.status, configure: bridge.configure, test: bridge.test },
    settings: { get: vi.fn(), update: bridge.updateSettings },
    on: () => () => {},
  },
}))

const none: TranslationStatus = {
  kind: 'none',
  baseUrl: null,
  hasKey: false,
  recipient: null,
  providerId: 'none',
}
const libre: TranslationStatus = {
  kind: 'libretranslate',
  baseUrl: 'https://translate.example.org',
  hasKey: true,
  recipient: 'translate.example.org',
  providerId: 'libretranslate:translate.example.org',
}

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  for (const fn of Object.values(bridge)) fn.mockReset()
})

afterEach(() => {
  document.body.innerHTML = ''
})

async function card(status: TranslationStatus = none) {
  bridge.status.mockResolvedValue({ ok: true, value: status })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSettingsStore().snapshot = { values: { language: 'en' }, recovery: null }
  const wrapper = mount(TranslationCard, {
    attachTo: document.body,
    global: { plugins: [pinia, [I18NextVue, { i18next }]] },
  })
  await flushPromises()
  const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name)!
  const radio = (value: string) =>
    wrapper.get<HTMLInputElement>(`input[type="radio"][value="${value}"]`)
  return { wrapper, button, radio }
}

describe('the Translation card', () => {
  it('says nothing leaves the computer while no service is chosen', async () => {
    const { wrapper, button, radio } = await card()
    expect(wrapper.get('h2').text()).toBe('Translation')
    expect(wrapper.text()).toContain(
      'No translation service is set up, so guest messages never leave this computer.',
    )
    expect(radio('none').element.checked).toBe(true)
    expect(button('Test translation').attributes('disabled')).toBeDefined()
  })

  it('names the host that receives guest text', async () => {
    const { wrapper, radio } = await card(libre)
    expect(wrapper.text()).toContain(
      'Guest messages you translate are sent to translate.example.org.',
    )
    expect(radio('libretranslate').element.checked).toBe(true)
    expect(wrapper.get<HTMLInputElement>('#translation-url').element.value).toBe(
      'https://translate.example.org',
    )
  })

  it('tests the form values before saving, and shows the sample translated', async () => {
    bridge.test.mockResolvedValue({
      ok: true,
      value: {
        sample: 'Good morning! Is breakfast included in our booking?',
        translation: 'Bonjour ! Le petit-déjeuner est-il inclus dans notre réservation ?',
        target: 'fr',
        recipient: '127.0.0.1:5000',
      },
    })
    const { wrapper, button, radio } = await card()
    await radio('libretranslate').setValue(true)
    await wrapper.get('#translation-url').setValue('http://127.0.0.1:5000')
    await button('Test translation').trigger('click')
    await flushPromises()
    expect(bridge.test).toHaveBeenCalledWith({
      setup: { kind: 'libretranslate', baseUrl: 'http://127.0.0.1:5000' },
      target: 'en',
    })
    const outcome = wrapper.get('[role="status"] .outcome')
    expect(outcome.text()).toContain('The service works.')
    expect(outcome.text()).toContain(
      'Bonjour ! Le petit-déjeuner est-il inclus dans notre réservation ?',
    )
    expect(bridge.configure).not.toHaveBeenCalled()
  })

  it('saves the service with its key, which the form never shows again', async () => {
    bridge.configure.mockResolvedValue({
      ok: true,
      value: { ...libre, baseUrl: 'https://lt.example.net', recipient: 'lt.example.net' },
    })
    const { wrapper, button, radio } = await card()
    await radio('libretranslate').setValue(true)
    await wrapper.get('#translation-url').setValue('https://lt.example.net')
    const key = wrapper.get<HTMLInputElement>('#translation-key')
    expect(key.attributes('type')).toBe('password')
    await key.setValue('secret-key-123')
    await button('Save').trigger('click')
    await flushPromises()
    expect(bridge.configure).toHaveBeenCalledWith({
      kind: 'libretranslate',
      baseUrl: 'https://lt.example.net',
      apiKey: 'secret-key-123',
    })
    expect(key.element.value).toBe('')
    expect(wrapper.text()).toContain('Saved.')
    expect(wrapper.text()).toContain('Guest messages you translate are sent to lt.example.net.')
    expect(wrapper.text()).toContain('A key is stored. Leave this empty to keep it.')
  })

  it('keeps a stored key when the field is left empty, and forgets it when asked', async () => {
    bridge.configure.mockResolvedValue({ ok: true, value: libre })
    const { wrapper, button } = await card(libre)
    await button('Save').trigger('click')
    await flushPromises()
    expect(bridge.configure).toHaveBeenLastCalledWith({
      kind: 'libretranslate',
      baseUrl: 'https://translate.example.org',
    })
    await wrapper.get('.check input').setValue(true)
    await button('Save').trigger('click')
    await flushPromises()
    expect(bridge.configure).toHaveBeenLastCalledWith({
      kind: 'libretranslate',
      baseUrl: 'https://translate.example.org',
      apiKey: null,
    })
  })

  it('asks DeepL for its key before sending anything', async () => {
    const { wrapper, button, radio } = await card()
    await radio('deepl').setValue(true)
    await button('Save').trigger('click')
    await flushPromises()
    expect(bridge.configure).not.toHaveBeenCalled()
    expect(wrapper.get('#translation-key').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Enter the API key.')
  })

  it('turns translation off with None', async () => {
    bridge.configure.mockResolvedValue({ ok: true, value: none })
    const { wrapper, button, radio } = await card(libre)
    await radio('none').setValue(true)
    await button('Save').trigger('click')
    await flushPromises()
    expect(bridge.configure).toHaveBeenCalledWith(null)
    expect(wrapper.text()).toContain('guest messages never leave this computer')
  })

  it("explains the service's refusal in the reader's words", async () => {
    bridge.test.mockResolvedValue({
      ok: false,
      error: {
        code: 'auth_failed',
        message: 'LibreTranslate refused the API key.',
        details: { translation: { code: 'bad_key' } },
      },
    })
    const { wrapper, button } = await card(libre)
    await button('Test translation').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'The translation service refused the API key. Check it in Settings.',
    )
  })

  it('keeps the staff language with the other settings', async () => {
    bridge.updateSettings.mockResolvedValue({
      ok: true,
      value: { values: { language: 'en', staffLanguage: 'de' }, recovery: null },
    })
    const { wrapper } = await card()
    const select = wrapper.get<HTMLSelectElement>('#staff-language')
    expect(select.element.selectedOptions[0]?.text.trim()).toBe('Same as the interface (English)')
    await select.setValue('de')
    expect(bridge.updateSettings).toHaveBeenCalledWith({ staffLanguage: 'de' })
  })
})
