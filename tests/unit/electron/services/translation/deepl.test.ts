import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createDeepL,
  deeplFreeUrl,
  deeplProUrl,
  deeplUrlForKey,
} from '../../../../../electron/services/translation/deepl'
import type { DeepLConfig } from '../../../../../electron/services/translation/deepl'
import type { TranslationResult } from '../../../../../electron/services/translation/provider'
import { startTranslationDouble } from '../../../../support/translation-double'
import type { TranslationDouble } from '../../../../support/translation-double'

const key = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:fx'
let double: TranslationDouble

beforeAll(async () => {
  double = await startTranslationDouble({ deeplKey: key })
})
afterAll(() => double.close())
beforeEach(() => {
  double.scenario('deepl', { kind: 'normal' })
  double.requests.length = 0
})

function provider(options: Partial<DeepLConfig> = {}) {
  const created = createDeepL({ apiKey: key, baseUrl: double.deeplUrl, ...options })
  if (!created.ok) throw new Error(created.error.message)
  return created.value
}

function errorOf<T>(result: TranslationResult<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

function sentBody(index = 0) {
  return double.requests[index]!.body as {
    text: string[]
    target_lang: string
    source_lang?: string
  }
}

const hello = { texts: ['Hello, we arrive late'], source: 'en', target: 'fr' }

describe('DeepL endpoint', () => {
  it('uses the free endpoint for keys ending in :fx and the pro endpoint for the others', () => {
    expect(deeplUrlForKey('abc:fx')).toBe(deeplFreeUrl)
    expect(deeplUrlForKey('abc')).toBe(deeplProUrl)
    const free = createDeepL({ apiKey: 'abc:fx' })
    const pro = createDeepL({ apiKey: 'abc' })
    expect(free.ok && free.value.describeRecipient()).toBe('api-free.deepl.com')
    expect(pro.ok && pro.value.describeRecipient()).toBe('api.deepl.com')
  })

  it('lets the address be overridden', () => {
    expect(provider().describeRecipient()).toBe(new URL(double.deeplUrl).host)
  })

  it('refuses an empty key without a request', () => {
    expect(createDeepL({ apiKey: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_config', field: 'apiKey' },
    })
  })
})

describe('DeepL provider', () => {
  it('translates with the key in the Authorization header and the texts as an array', async () => {
    const result = await provider().translate(hello)
    expect(result).toEqual({
      ok: true,
      value: { translations: [{ text: '[FR] Hello, we arrive late', detectedSource: null }] },
    })
    expect(double.requests[0]).toMatchObject({ method: 'POST', path: '/v2/translate' })
    expect(double.requests[0]!.headers.authorization).toBe(`DeepL-Auth-Key ${key}`)
    expect(sentBody()).toEqual({
      text: ['Hello, we arrive late'],
      target_lang: 'FR',
      source_lang: 'EN',
    })
  })

  it('translates a batch in order', async () => {
    const texts = ['One', 'Two', 'Three']
    const result = await provider().translate({ texts, source: 'en', target: 'de' })
    expect(result.ok && result.value.translations.map((t) => t.text)).toEqual([
      '[DE] One',
      '[DE] Two',
      '[DE] Three',
    ])
  })

  it('sends no source_lang for auto-detection and reports the detected languages in our codes', async () => {
    const result = await provider().translate({
      texts: ['Hola, gracias', 'Спасибо'],
      source: null,
      target: 'en',
    })
    expect(sentBody()).not.toHaveProperty('source_lang')
    expect(result.ok && result.value.translations.map((t) => t.detectedSource)).toEqual([
      'es',
      'ru',
    ])
  })

  it('maps English, Portuguese and Chinese targets to DeepL variants, British and European by default', async () => {
    for (const target of ['en', 'pt', 'zh', 'th', 'ar']) {
      await provider().translate({ texts: ['Hallo'], source: 'de', target })
    }
    expect(double.requests.map((_, index) => sentBody(index).target_lang)).toEqual([
      'EN-GB',
      'PT-PT',
      'ZH-HANS',
      'TH',
      'AR',
    ])
    double.requests.length = 0
    await provider({ englishVariant: 'EN-US', portugueseVariant: 'PT-BR' }).translate({
      texts: ['Hallo', 'Danke'],
      source: 'de',
      target: 'pt',
    })
    expect(sentBody().target_lang).toBe('PT-BR')
  })

  it('sends at most 50 texts per request', async () => {
    const texts = Array.from({ length: 120 }, (_, index) => `Message ${index}`)
    const result = await provider().translate({ texts, source: 'en', target: 'pl' })
    expect(double.requests.map((_, index) => sentBody(index).text.length)).toEqual([50, 50, 20])
    expect(result.ok && result.value.translations.at(-1)!.text).toBe('[PL] Message 119')
  })

  it('lists languages in our codes, with the text-only languages DeepL leaves out of the list', async () => {
    const result = await provider().languages()
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.target).toEqual(expect.arrayContaining(['en', 'pt', 'zh', 'th', 'ar']))
    expect(result.value.target).not.toContain('en-gb')
    expect(result.value.source).toEqual(expect.arrayContaining(['en', 'th']))
    expect(double.requests.map((request) => request.path)).toEqual([
      '/v2/languages?type=source',
      '/v2/languages?type=target',
    ])
  })
})

describe('DeepL provider errors', () => {
  it('reports a wrong key as bad_key, for translation and for the language list', async () => {
    const wrong = provider({ apiKey: 'not-the-key:fx' })
    expect(errorOf(await wrong.translate(hello)).code).toBe('bad_key')
    expect(errorOf(await wrong.languages()).code).toBe('bad_key')
  })

  it('explains a key used on the other plan’s endpoint', async () => {
    double.scenario('deepl', { kind: 'wrong_endpoint' })
    const error = errorOf(await provider().translate(hello))
    expect(error.code).toBe('bad_key')
    expect(error.message).toMatch(/other plan/)
  })

  it('reports 456 as quota_exhausted', async () => {
    double.scenario('deepl', { kind: 'quota_exhausted' })
    expect(errorOf(await provider().translate(hello)).code).toBe('quota_exhausted')
  })

  it.each([429, 529] as const)('reports %i as rate_limited with Retry-After', async (status) => {
    double.scenario('deepl', { kind: 'rate_limited', retryAfter: '2', status })
    expect(errorOf(await provider().translate(hello))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 2000,
    })
  })

  it('reads a Retry-After given as a date', async () => {
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString()
    double.scenario('deepl', { kind: 'rate_limited', retryAfter: inFiveSeconds })
    const error = errorOf(await provider().translate(hello))
    expect(error.code === 'rate_limited' && error.retryAfterMs).toBeGreaterThan(2000)
  })

  it('reports an unsupported target or source as unsupported_pair', async () => {
    const target = errorOf(
      await provider().translate({ texts: ['Hi'], source: 'en', target: 'fa' }),
    )
    expect(target).toMatchObject({ code: 'unsupported_pair', source: 'en', target: 'fa' })
    const source = errorOf(
      await provider().translate({ texts: ['Salam'], source: 'fa', target: 'en' }),
    )
    expect(source.code).toBe('unsupported_pair')
  })

  it('gives up with timeout', async () => {
    double.scenario('deepl', { kind: 'slow_headers', delayMs: 400 })
    const error = errorOf(await provider({ timeoutMs: 100 }).translate(hello))
    expect(error).toMatchObject({ code: 'timeout' })
  })

  it.each([
    ['malformed JSON', { kind: 'malformed_json' } as const],
    ['a body of the wrong shape', { kind: 'wrong_shape' } as const],
    ['fewer translations than texts', { kind: 'too_few_translations' } as const],
  ])('reports %s as malformed_response', async (_name, scenario) => {
    double.scenario('deepl', scenario)
    const result = await provider().translate({ texts: ['One', 'Two'], source: 'en', target: 'fr' })
    expect(errorOf(result).code).toBe('malformed_response')
  })

  it('reports an HTML error page from a proxy as provider_error with its status', async () => {
    double.scenario('deepl', { kind: 'server_error', status: 503 })
    const error = errorOf(await provider().translate(hello))
    expect(error).toMatchObject({ code: 'provider_error', status: 503 })
    expect(error.message).not.toContain('<html>')
  })

  it('never puts the key into an error message, even when the server echoes it', async () => {
    double.scenario('deepl', { kind: 'echo_key' })
    const error = errorOf(await provider().translate(hello))
    expect(error.code).toBe('bad_key')
    expect(JSON.stringify(error)).not.toContain(key)
  })
})
