import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { FileSecrets } from '../../../../../electron/services/accounts/file-secrets'
import { dispatch } from '../../../../../electron/services/bridge-dispatch'
import { createDesk } from '../../../../../electron/services/desk'
import type { Desk } from '../../../../../electron/services/desk'
import { EmbeddedPlatform } from '../../../../../electron/services/embedded-sandbox'
import { TRANSLATION_SECRET_ID } from '../../../../../electron/services/translation/service'
import type { BridgeResult } from '../../../../../shared/bridge/result'
import type { TranslationStatus } from '../../../../../shared/bridge/translation-schemas'
import { startTranslationDouble } from '../../../../support/translation-double'
import type { TranslationDouble } from '../../../../support/translation-double'

// The translation channels through dispatch, as either host serves them, against the local
// double of both services: configuration and its key (secret store only), translations,
// "Test translation", and every provider error as a bridge error the UI can explain.

const LIBRE_KEY = 'libre-secret-4242'
const DEEPL_KEY = 'deepl-test-key:fx'

let double: TranslationDouble
let dir: string
let desk: Desk
let secrets: FileSecrets
let changes: TranslationStatus[]

beforeAll(async () => {
  double = await startTranslationDouble({ libreKey: LIBRE_KEY, deeplKey: DEEPL_KEY })
})

afterAll(async () => {
  await double.close()
})

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-translation-'))
  secrets = new FileSecrets(path.join(dir, 'secrets.json'))
  desk = await createDesk({
    userDataDir: dir,
    host: 'web',
    version: '0.0.0',
    osLocale: 'en',
    secrets,
    // Never started: these tests do not reach the booking platform.
    embedded: new EmbeddedPlatform(async () => {
      throw new Error('not in this test')
    }),
    translationTransport: { timeoutMs: 2_000 },
  })
  changes = []
  desk.events.subscribe((event, payload) => {
    if (event === 'translation:changed') changes.push(payload as TranslationStatus)
  })
  double.requests.length = 0
  double.scenario('libretranslate', { kind: 'normal' })
  double.scenario('deepl', { kind: 'normal' })
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const call = (channel: string, ...args: unknown[]) =>
  dispatch(desk.handlers, channel, args) as Promise<BridgeResult<Record<string, unknown>>>

const configureLibre = (extra: Record<string, unknown> = {}) =>
  call('translation:configure', { kind: 'libretranslate', baseUrl: double.libreUrl, ...extra })

/** Every file the desk wrote, as text: what a backup or a bug report would carry. */
async function filesOnDisk(): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const name of await readdir(dir)) {
    files[name] = await readFile(path.join(dir, name), 'utf8').catch(() => '')
  }
  return files
}

describe('with no translation service', () => {
  it('says nothing leaves the machine and sends nothing when asked to translate', async () => {
    expect(await call('translation:status')).toEqual({
      ok: true,
      value: { kind: 'none', baseUrl: null, hasKey: false, recipient: null, providerId: 'none' },
    })
    const answer = await call('translation:translate', {
      texts: ['Bonjour, y a-t-il un parking ?'],
      source: null,
      target: 'en',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'unconfigured', details: { translation: { code: 'not_configured' } } },
    })
    expect(double.requests).toHaveLength(0)
  })
})

describe('configuring a service', () => {
  it('keeps the key in the secret store only, and names the recipient', async () => {
    const status = await configureLibre({ apiKey: LIBRE_KEY })
    const host = new URL(double.libreUrl).host
    expect(status).toEqual({
      ok: true,
      value: {
        kind: 'libretranslate',
        baseUrl: double.libreUrl,
        hasKey: true,
        recipient: host,
        providerId: `libretranslate:${host}/lt`,
      },
    })
    expect(changes).toEqual([status.ok && status.value])
    expect(await secrets.get(TRANSLATION_SECRET_ID)).toBe(LIBRE_KEY)
    const files = await filesOnDisk()
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['translation.json', 'secrets.json']))
    for (const [name, text] of Object.entries(files)) {
      if (name !== 'secrets.json') expect(text, name).not.toContain(LIBRE_KEY)
    }
    expect(JSON.parse(files['translation.json']!)).toEqual({
      version: 1,
      service: { kind: 'libretranslate', baseUrl: double.libreUrl },
    })
    // Settings, in whatever state, never carry it either.
    const settings = await call('settings:get')
    expect(JSON.stringify(settings)).not.toContain(LIBRE_KEY)
    expect(JSON.stringify(await call('translation:status'))).not.toContain(LIBRE_KEY)
  })

  it('refuses plain http to another machine and changes nothing', async () => {
    const answer = await call('translation:configure', {
      kind: 'libretranslate',
      baseUrl: 'http://translate.example.org',
      apiKey: 'abcd-1234',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_argument',
        details: { translation: { code: 'invalid_config', field: 'baseUrl' } },
      },
    })
    expect(await secrets.get(TRANSLATION_SECRET_ID)).toBeNull()
    expect(await call('translation:status')).toMatchObject({ ok: true, value: { kind: 'none' } })
    expect(changes).toHaveLength(0)
  })

  it('asks DeepL for a key and picks Free or Pro from it', async () => {
    expect(await call('translation:configure', { kind: 'deepl' })).toMatchObject({
      ok: false,
      error: { details: { translation: { code: 'invalid_config', field: 'apiKey' } } },
    })
    const free = await call('translation:configure', { kind: 'deepl', apiKey: 'abc:fx' })
    expect(free).toMatchObject({ ok: true, value: { recipient: 'api-free.deepl.com' } })
    const pro = await call('translation:configure', { kind: 'deepl', apiKey: 'abc' })
    expect(pro).toMatchObject({ ok: true, value: { recipient: 'api.deepl.com', baseUrl: null } })
  })

  it('keeps a stored key for the same service and address, never for another one', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    // Saved again without a key (the form leaves the field empty): the key stays.
    expect(await configureLibre()).toMatchObject({ ok: true, value: { hasKey: true } })
    // Another address: the key was entered for the first one and is not carried over.
    const elsewhere = await call('translation:configure', {
      kind: 'libretranslate',
      baseUrl: double.libreUrl.replace('/lt', '/lt2'),
    })
    expect(elsewhere).toMatchObject({ ok: true, value: { hasKey: false } })
    expect(await secrets.get(TRANSLATION_SECRET_ID)).toBeNull()
    // Nor from LibreTranslate to DeepL.
    await configureLibre({ apiKey: LIBRE_KEY })
    expect(await call('translation:configure', { kind: 'deepl' })).toMatchObject({ ok: false })
  })

  it('forgets the key when the key is removed or translation is turned off', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    expect(await configureLibre({ apiKey: null })).toMatchObject({ value: { hasKey: false } })
    await configureLibre({ apiKey: LIBRE_KEY })
    const off = await call('translation:configure', null)
    expect(off).toMatchObject({ ok: true, value: { kind: 'none', hasKey: false, recipient: null } })
    expect(await secrets.get(TRANSLATION_SECRET_ID)).toBeNull()
    expect(changes.at(-1)).toMatchObject({ kind: 'none' })
  })

  it('treats a damaged translation.json as no service', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await configureLibre({ apiKey: LIBRE_KEY })
    await writeFile(path.join(dir, 'translation.json'), '{ not json')
    const fresh = await createDesk({ userDataDir: dir, host: 'web', version: '0', osLocale: 'en' })
    expect(await dispatch(fresh.handlers, 'translation:status', [])).toMatchObject({
      ok: true,
      value: { kind: 'none', recipient: null },
    })
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })

  it('refuses arguments that are not a service', async () => {
    for (const wrong of [
      { kind: 'google', apiKey: 'x' },
      { kind: 'libretranslate' },
      { kind: 'deepl', apiKey: 'x'.repeat(300) },
      { kind: 'deepl', apiKey: 'x', extra: true },
    ]) {
      expect(await call('translation:configure', wrong)).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      })
    }
  })
})

describe('translating', () => {
  it('answers every text in order with the detected language and the provider', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    const answer = await call('translation:translate', {
      texts: ['Bonjour, merci !', '', 'Привет, можно парковку?'],
      source: null,
      target: 'en',
    })
    const host = new URL(double.libreUrl).host
    expect(answer).toEqual({
      ok: true,
      value: {
        providerId: `libretranslate:${host}/lt`,
        translations: [
          { text: '[en] Bonjour, merci !', detectedSource: 'fr' },
          { text: '', detectedSource: null },
          { text: '[en] Привет, можно парковку?', detectedSource: 'ru' },
        ],
      },
    })
    // The key went in the body the protocol wants, to the configured address only.
    expect(double.requests).toHaveLength(1)
    expect(double.requests[0]).toMatchObject({ path: '/translate', body: { api_key: LIBRE_KEY } })
  })

  it('refuses codes that are not bare ISO 639 codes before anything is sent', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    const answer = await call('translation:translate', {
      texts: ['x'],
      source: null,
      target: 'pt-BR',
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(double.requests).toHaveLength(0)
  })

  it.each([
    [
      'a wrong key, without echoing it',
      { kind: 'echo_key' } as const,
      { code: 'auth_failed', details: { translation: { code: 'bad_key' } } },
    ],
    [
      'a rate limit, with when to come back',
      { kind: 'rate_limited', retryAfter: '7' } as const,
      {
        code: 'rate_limited',
        details: { retryAfterMs: 7_000, translation: { code: 'rate_limited' } },
      },
    ],
    [
      'a server failure, with its status',
      { kind: 'server_error', status: 502 } as const,
      {
        code: 'platform_unavailable',
        details: { status: 502, translation: { code: 'provider_error', status: 502 } },
      },
    ],
    [
      'a slow service, as a timeout',
      { kind: 'slow_headers', delayMs: 3_000 } as const,
      { code: 'timeout', details: { translation: { code: 'timeout' } } },
    ],
    [
      'a broken answer',
      { kind: 'malformed_json' } as const,
      { code: 'malformed_response', details: { translation: { code: 'malformed_response' } } },
    ],
  ])('reports %s', async (_name, scenario, error) => {
    await configureLibre({ apiKey: LIBRE_KEY })
    double.scenario('libretranslate', scenario)
    const answer = await call('translation:translate', {
      texts: ['Bonjour'],
      source: 'fr',
      target: 'en',
    })
    expect(answer).toMatchObject({ ok: false, error })
    expect(JSON.stringify(answer)).not.toContain(LIBRE_KEY)
  })

  it('reports a pair the service cannot translate', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    const answer = await call('translation:translate', {
      texts: ['สวัสดีครับ'],
      source: 'th',
      target: 'fr',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'platform_refused',
        details: { translation: { code: 'unsupported_pair', source: 'th', target: 'fr' } },
      },
    })
  })

  it('reports a used-up DeepL allowance', async () => {
    await call('translation:configure', {
      kind: 'deepl',
      baseUrl: double.deeplUrl,
      apiKey: DEEPL_KEY,
    })
    double.scenario('deepl', { kind: 'quota_exhausted' })
    const answer = await call('translation:translate', {
      texts: ['Hallo'],
      source: null,
      target: 'en',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { details: { translation: { code: 'quota_exhausted' } } },
    })
  })

  it('reports an unreachable service as offline', async () => {
    const gone = await startTranslationDouble()
    const url = gone.libreUrl
    await gone.close()
    await call('translation:configure', { kind: 'libretranslate', baseUrl: url })
    const answer = await call('translation:translate', {
      texts: ['Hola'],
      source: null,
      target: 'en',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { translation: { code: 'offline' } } },
    })
  })
})

describe('"Test translation"', () => {
  it('translates a sample with the form values, before anything is saved', async () => {
    const answer = await call('translation:test', {
      setup: { kind: 'deepl', baseUrl: double.deeplUrl, apiKey: DEEPL_KEY },
      target: 'de',
    })
    expect(answer).toMatchObject({
      ok: true,
      value: {
        translation: '[DE] Good morning! Is breakfast included in our booking?',
        target: 'de',
        recipient: new URL(double.deeplUrl).host,
      },
    })
    expect(await secrets.get(TRANSLATION_SECRET_ID)).toBeNull()
    expect((await call('translation:status')).ok).toBe(true)
    expect(changes).toHaveLength(0)
  })

  it('translates into French for an English-speaking desk, and tests the saved service', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    const answer = await call('translation:test', { setup: null, target: 'en' })
    expect(answer).toMatchObject({ ok: true, value: { target: 'fr' } })
    expect(double.requests.at(-1)).toMatchObject({ body: { source: 'en', target: 'fr' } })
  })

  it('uses the stored key for the saved service when the form leaves it empty', async () => {
    await configureLibre({ apiKey: LIBRE_KEY })
    const answer = await call('translation:test', {
      setup: { kind: 'libretranslate', baseUrl: double.libreUrl },
      target: 'fr',
    })
    expect(answer.ok).toBe(true)
  })

  it('says what is wrong with a bad key', async () => {
    const answer = await call('translation:test', {
      setup: { kind: 'deepl', baseUrl: double.deeplUrl, apiKey: 'wrong-key' },
      target: 'fr',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'auth_failed', details: { translation: { code: 'bad_key' } } },
    })
  })
})
