import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseBaseUrl } from '../../../../../electron/services/translation/base-url'
import { createProvider } from '../../../../../electron/services/translation/registry'
import type { ProviderConfig } from '../../../../../electron/services/translation/registry'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createProvider without a configuration', () => {
  it('gives a provider that answers not_configured and never touches the network', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch')
    const injectedFetch = vi.fn<typeof fetch>()
    const created = createProvider(null, { fetch: injectedFetch })
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const provider = created.value
    expect(provider.kind).toBe('none')
    expect(provider.describeRecipient()).toBeNull()
    const translated = await provider.translate({
      texts: ['Guest text'],
      source: null,
      target: 'en',
    })
    expect(translated).toMatchObject({ ok: false, error: { code: 'not_configured' } })
    expect(await provider.languages()).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    })
    expect(globalFetch).not.toHaveBeenCalled()
    expect(injectedFetch).not.toHaveBeenCalled()
  })
})

describe('createProvider with a configuration', () => {
  it('builds the configured service with its recipient', () => {
    const libre = createProvider({
      kind: 'libretranslate',
      baseUrl: 'https://translate.example.org/api/',
    })
    expect(libre.ok && libre.value.kind).toBe('libretranslate')
    expect(libre.ok && libre.value.describeRecipient()).toBe('translate.example.org')
    expect(libre.ok && libre.value.id).toBe('libretranslate:translate.example.org/api')
    const deepl = createProvider({ kind: 'deepl', apiKey: 'abc-123:fx' })
    expect(deepl.ok && deepl.value.kind).toBe('deepl')
    expect(deepl.ok && deepl.value.describeRecipient()).toBe('api-free.deepl.com')
  })

  it('makes no request while building a provider', () => {
    const injectedFetch = vi.fn<typeof fetch>()
    createProvider({ kind: 'deepl', apiKey: 'abc-123' }, { fetch: injectedFetch })
    expect(injectedFetch).not.toHaveBeenCalled()
  })

  it.each([
    [{ kind: 'deepl', apiKey: '' }, 'apiKey'],
    [{ kind: 'deepl', apiKey: 'has a space' }, 'apiKey'],
    [{ kind: 'deepl', apiKey: 'line\nbreak' }, 'apiKey'],
    [{ kind: 'libretranslate', baseUrl: '' }, 'baseUrl'],
    [{ kind: 'google', apiKey: 'x' }, 'kind'],
  ])('refuses %j as invalid_config on %s, without echoing the key', (config, field) => {
    const created = createProvider(config as unknown as ProviderConfig)
    expect(created).toMatchObject({ ok: false, error: { code: 'invalid_config', field } })
    if (!created.ok) expect(created.error.message).not.toMatch(/space|break/)
  })
})

describe('translation service address', () => {
  it.each([
    'https://translate.example.org',
    'https://translate.example.org:8443/prefix',
    'http://localhost:5000',
    'http://127.0.0.1:5000',
    'http://[::1]:5000',
  ])('accepts %s', (url) => {
    expect(parseBaseUrl(url).ok).toBe(true)
  })

  it.each([
    ['http://translate.example.org', /https/],
    ['http://192.168.1.20:5000', /https/],
    ['ftp://translate.example.org', /https/],
    ['https://user:secret@translate.example.org', /API key/],
    ['https://translate.example.org/?api_key=abc', /\?/],
    ['not a url', /valid URL/],
  ])('refuses %s', (url, reason) => {
    const parsed = parseBaseUrl(url)
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_config', field: 'baseUrl' } })
    if (!parsed.ok) expect(parsed.error.message).toMatch(reason)
  })

  it('refuses a plain-http LibreTranslate on another machine before any request', async () => {
    const injectedFetch = vi.fn<typeof fetch>()
    const created = createProvider(
      { kind: 'libretranslate', baseUrl: 'http://translate.example.org' },
      { fetch: injectedFetch },
    )
    expect(created).toMatchObject({
      ok: false,
      error: { code: 'invalid_config', field: 'baseUrl' },
    })
    expect(injectedFetch).not.toHaveBeenCalled()
  })

  it('refuses a plain-http DeepL override', () => {
    const created = createProvider({
      kind: 'deepl',
      apiKey: 'abc',
      baseUrl: 'http://proxy.example',
    })
    expect(created).toMatchObject({
      ok: false,
      error: { code: 'invalid_config', field: 'baseUrl' },
    })
  })
})
