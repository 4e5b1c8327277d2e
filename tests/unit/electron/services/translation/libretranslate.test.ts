import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLibreTranslate } from '../../../../../electron/services/translation/libretranslate'
import type {
  TranslationProvider,
  TranslationResult,
} from '../../../../../electron/services/translation/provider'
import { startTranslationDouble } from '../../../../support/translation-double'
import type { TranslationDouble } from '../../../../support/translation-double'

const key = 'lt-secret-key-1234'
let double: TranslationDouble

beforeAll(async () => {
  double = await startTranslationDouble({ libreKey: key })
})
afterAll(() => double.close())
beforeEach(() => {
  double.scenario('libretranslate', { kind: 'normal' })
  double.requests.length = 0
})

function provider(
  options: { apiKey?: string | null; timeoutMs?: number; maxResponseBytes?: number } = {},
) {
  const created = createLibreTranslate({ baseUrl: double.libreUrl, apiKey: key, ...options })
  if (!created.ok) throw new Error(created.error.message)
  return created.value
}

function errorOf<T>(result: TranslationResult<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

const hello = { texts: ['Hello, we arrive late'], source: 'en', target: 'fr' }

describe('LibreTranslate provider', () => {
  it('translates one text, sending q as a string with the key and format text', async () => {
    const result = await provider().translate(hello)
    expect(result).toEqual({
      ok: true,
      value: { translations: [{ text: '[fr] Hello, we arrive late', detectedSource: null }] },
    })
    expect(double.requests).toHaveLength(1)
    expect(double.requests[0]).toMatchObject({
      method: 'POST',
      path: '/translate',
      body: {
        q: 'Hello, we arrive late',
        source: 'en',
        target: 'fr',
        format: 'text',
        api_key: key,
      },
    })
  })

  it('translates a batch in order in one request, with q as an array', async () => {
    const texts = ['One', 'Two', 'Three']
    const result = await provider().translate({ texts, source: 'en', target: 'de' })
    expect(result.ok && result.value.translations.map((t) => t.text)).toEqual([
      '[de] One',
      '[de] Two',
      '[de] Three',
    ])
    expect(double.requests).toHaveLength(1)
    expect((double.requests[0]!.body as { q: unknown }).q).toEqual(texts)
  })

  it('asks for auto-detection when the source is null and reports each detected language', async () => {
    const result = await provider().translate({
      texts: ['Bonjour, merci', 'Спасибо', 'ขอบคุณ'],
      source: null,
      target: 'en',
    })
    expect((double.requests[0]!.body as { source: string }).source).toBe('auto')
    expect(result.ok && result.value.translations.map((t) => t.detectedSource)).toEqual([
      'fr',
      'ru',
      'th',
    ])
  })

  it('splits a long conversation into several requests and keeps the order', async () => {
    const texts = Array.from({ length: 45 }, (_, index) => `Message ${index}`)
    const result = await provider().translate({ texts, source: 'en', target: 'nl' })
    expect(double.requests.length).toBeGreaterThan(1)
    expect(result.ok && result.value.translations.map((t) => t.text)).toEqual(
      texts.map((text) => `[nl] ${text}`),
    )
  })

  it('answers blank texts and same-language requests without sending them', async () => {
    const same = await provider().translate({ texts: ['Hello'], source: 'en', target: 'en' })
    expect(same.ok && same.value.translations[0]!.text).toBe('Hello')
    const blanks = await provider().translate({ texts: ['', '  '], source: null, target: 'fr' })
    expect(blanks.ok && blanks.value.translations.map((t) => t.text)).toEqual(['', '  '])
    const empty = await provider().translate({ texts: [], source: null, target: 'fr' })
    expect(empty).toEqual({ ok: true, value: { translations: [] } })
    expect(double.requests).toHaveLength(0)
    const mixed = await provider().translate({
      texts: ['', 'Hi there'],
      source: 'en',
      target: 'fr',
    })
    expect(mixed.ok && mixed.value.translations.map((t) => t.text)).toEqual(['', '[fr] Hi there'])
  })

  it('lists languages with their targets, folding pb and zh-Hans into pt and zh', async () => {
    const result = await provider().languages()
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.source).toEqual(expect.arrayContaining(['en', 'pt', 'th', 'zh']))
    expect(result.value.source).not.toContain('pb')
    expect(result.value.target).toEqual(expect.arrayContaining(['ar', 'pl', 'th', 'zh']))
  })

  it('names its host as the recipient of guest text', () => {
    expect(provider().describeRecipient()).toBe(new URL(double.libreUrl).host)
    expect(provider().id).toBe(`libretranslate:${new URL(double.libreUrl).host}/lt`)
    expect(provider().id).not.toContain(key)
  })
})

describe('LibreTranslate provider errors', () => {
  it('reports a wrong key as bad_key', async () => {
    expect(errorOf(await provider({ apiKey: 'wrong-key-5678' }).translate(hello)).code).toBe(
      'bad_key',
    )
  })

  it('reports a missing key on a server that needs one as bad_key', async () => {
    const error = errorOf(await provider({ apiKey: null }).translate(hello))
    expect(error.code).toBe('bad_key')
    expect(double.requests[0]!.body as object).not.toHaveProperty('api_key')
  })

  it('reports 429 as rate_limited with Retry-After in milliseconds', async () => {
    double.scenario('libretranslate', { kind: 'rate_limited', retryAfter: '7' })
    expect(errorOf(await provider().translate(hello))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 7000,
    })
  })

  it('reports 429 without Retry-After, and a ban after repeated limits, as rate_limited', async () => {
    double.scenario('libretranslate', { kind: 'quota_exhausted' })
    expect(errorOf(await provider().translate(hello))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: null,
    })
    double.scenario('libretranslate', { kind: 'banned' })
    expect(errorOf(await provider().translate(hello)).code).toBe('rate_limited')
  })

  it('reports a pair the server cannot translate as unsupported_pair', async () => {
    const error = errorOf(
      await provider().translate({ texts: ['สวัสดี'], source: 'th', target: 'pl' }),
    )
    expect(error).toMatchObject({ code: 'unsupported_pair', source: 'th', target: 'pl' })
    const unknown = errorOf(
      await provider().translate({ texts: ['Hi'], source: 'en', target: 'xx' }),
    )
    expect(unknown.code).toBe('unsupported_pair')
  })

  it('refuses codes that are not ISO 639 codes before sending anything', async () => {
    const error = errorOf(
      await provider().translate({ texts: ['Hi'], source: null, target: 'fr-FR' }),
    )
    expect(error.code).toBe('unsupported_pair')
    expect(double.requests).toHaveLength(0)
  })

  it('gives up with timeout when the answer does not start in time', async () => {
    double.scenario('libretranslate', { kind: 'slow_headers', delayMs: 400 })
    const error = errorOf(await provider({ timeoutMs: 100 }).translate(hello))
    expect(error.code).toBe('timeout')
  })

  it('gives up with timeout when the answer stalls half-way', async () => {
    double.scenario('libretranslate', { kind: 'slow_body', delayMs: 400 })
    expect(errorOf(await provider({ timeoutMs: 100 }).translate(hello)).code).toBe('timeout')
  })

  it.each([
    ['malformed JSON', { kind: 'malformed_json' } as const],
    ['a body of the wrong shape', { kind: 'wrong_shape' } as const],
    ['fewer translations than texts', { kind: 'too_few_translations' } as const],
  ])('reports %s as malformed_response', async (_name, scenario) => {
    double.scenario('libretranslate', scenario)
    const result = await provider().translate({ texts: ['One', 'Two'], source: 'en', target: 'fr' })
    expect(errorOf(result).code).toBe('malformed_response')
  })

  it('refuses an answer larger than the cap', async () => {
    double.scenario('libretranslate', { kind: 'huge', bytes: 50_000 })
    const error = errorOf(await provider({ maxResponseBytes: 10_000 }).translate(hello))
    expect(error.code).toBe('malformed_response')
  })

  it('reports a server failure as provider_error with its status', async () => {
    double.scenario('libretranslate', { kind: 'server_error', status: 502 })
    expect(errorOf(await provider().translate(hello))).toMatchObject({
      code: 'provider_error',
      status: 502,
    })
  })

  it('does not follow a redirect with the key and guest text', async () => {
    double.scenario('libretranslate', { kind: 'redirect' })
    expect(errorOf(await provider().translate(hello))).toMatchObject({
      code: 'provider_error',
      status: 302,
    })
  })

  it('reports an unreachable server as offline', async () => {
    const created = createLibreTranslate({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 })
    const unreachable = created.ok ? created.value : (null as unknown as TranslationProvider)
    expect(errorOf(await unreachable.translate(hello)).code).toBe('offline')
  })

  it('never puts the key into an error message, even when the server echoes it', async () => {
    double.scenario('libretranslate', { kind: 'echo_key' })
    const error = errorOf(await provider().translate(hello))
    expect(error.code).toBe('bad_key')
    expect(JSON.stringify(error)).not.toContain(key)
    expect(error.message).toContain('[key hidden]')
  })
})
