import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The two protocols the translation double speaks, as the real services behave when nothing
 * goes wrong: keys checked, language lists served, unsupported pairs refused with the
 * services' own wording, and a crude detection. The "translation" is `[<target as sent>] <text>`.
 * Scenarios in translation-double.ts make them misbehave.
 */

export type Protocol = 'libretranslate' | 'deepl'

/** What a protocol handler is given: the request, its parsed body, and the double's state. */
export interface Exchange {
  request: IncomingMessage
  response: ServerResponse
  /** Path below the protocol's prefix, with its query. */
  path: string
  body: unknown
  /** Whether the current scenario asks for a body of the wrong shape / a missing translation. */
  shape: 'normal' | 'wrong_shape' | 'too_few_translations'
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

function fakeDetect(text: string): string {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'ru'
  if (/\p{Script=Thai}/u.test(text)) return 'th'
  if (/\p{Script=Arabic}/u.test(text)) return 'ar'
  if (/\b(bonjour|merci)\b/i.test(text)) return 'fr'
  if (/\b(hola|gracias)\b/i.test(text)) return 'es'
  return 'en'
}

const libreCodes = ['en', 'fr', 'es', 'de', 'pt', 'ru', 'ar', 'nl', 'pl', 'zh-Hans', 'pb']
const libreLanguages: { code: string; targets: string[] }[] = [
  ...libreCodes.map((code) => ({
    code,
    targets: [...libreCodes, 'th'].filter((target) => target !== code),
  })),
  // Like a real Argos install: Thai only pairs with English.
  { code: 'th', targets: ['en'] },
]

export function libreTranslate(exchange: Exchange, requiredKey: string | null): void {
  const { request, response, path, body, shape } = exchange
  if (request.method === 'GET' && path === '/languages') {
    return json(
      response,
      200,
      libreLanguages.map((entry) => ({ ...entry, name: entry.code })),
    )
  }
  if (request.method !== 'POST' || path !== '/translate') {
    return json(response, 404, { error: 'Not Found' })
  }
  const input = (body ?? {}) as {
    q?: string | string[]
    source?: string
    target?: string
    api_key?: string
  }
  if (requiredKey !== null && input.api_key && input.api_key !== requiredKey) {
    return json(response, 403, { error: 'Invalid API key' })
  }
  if (requiredKey !== null && !input.api_key) {
    return json(response, 400, { error: 'Visit https://portal.example/ to get an API key' })
  }
  if (!input.q || !input.source || !input.target) {
    return json(response, 400, { error: 'Invalid request: missing q parameter' })
  }
  const texts = [input.q].flat()
  const sources = texts.map((text) => (input.source === 'auto' ? fakeDetect(text) : input.source!))
  const target = libreLanguages.find((language) => language.code === input.target)
  if (!target) return json(response, 400, { error: `${input.target} is not supported` })
  for (const source of sources) {
    const from = libreLanguages.find((language) => language.code === source)
    if (!from) return json(response, 400, { error: `${source} is not supported` })
    if (!from.targets.includes(target.code)) {
      return json(response, 400, {
        error: `${target.code} is not available as a target language from ${source}`,
      })
    }
  }
  let translated = texts.map((text) => `[${input.target}] ${text}`)
  if (shape === 'wrong_shape') return json(response, 200, { translated })
  if (shape === 'too_few_translations') translated = translated.slice(1)
  const detections = sources.map((language) => ({ language, confidence: 90 }))
  const single = !Array.isArray(input.q)
  json(response, 200, {
    translatedText: single ? translated[0] : translated,
    ...(input.source === 'auto' ? { detectedLanguage: single ? detections[0] : detections } : {}),
  })
}

const deeplSources = ['AR', 'DE', 'EN', 'ES', 'FR', 'JA', 'NL', 'PL', 'PT', 'RU', 'ZH']
const deeplListedTargets = [
  ...['AR', 'DE', 'EN-GB', 'EN-US', 'ES', 'FR', 'JA', 'NL', 'PL', 'PT-BR', 'PT-PT', 'RU'],
  'ZH-HANS',
]
// Accepted by /v2/translate although /v2/languages does not list them, as DeepL documents.
const deeplUnlisted = ['TH', 'HE', 'VI']

export function deepL(exchange: Exchange, requiredKey: string): void {
  const { request, response, path, body, shape } = exchange
  const sentKey = String(request.headers.authorization ?? '').replace(/^DeepL-Auth-Key /, '')
  if (sentKey !== requiredKey) {
    return json(response, 403, { message: 'Authorization failure, check auth_key' })
  }
  if (request.method === 'GET' && path.startsWith('/v2/languages')) {
    const type = new URL(path, 'http://double').searchParams.get('type')
    const list = type === 'target' ? deeplListedTargets : deeplSources
    return json(
      response,
      200,
      list.map((language) => ({ language, name: language })),
    )
  }
  if (request.method !== 'POST' || path !== '/v2/translate') {
    return json(response, 404, { message: 'Not found' })
  }
  const input = (body ?? {}) as { text?: unknown; target_lang?: string; source_lang?: string }
  if (!Array.isArray(input.text)) {
    return json(response, 400, { message: "Parameter 'text' not specified." })
  }
  const target = input.target_lang ?? ''
  // EN and PT: the deprecated targets without a variant, still accepted.
  if (![...deeplListedTargets, ...deeplUnlisted, 'EN', 'PT'].includes(target)) {
    return json(response, 400, { message: "Value for 'target_lang' not supported." })
  }
  if (input.source_lang && ![...deeplSources, ...deeplUnlisted].includes(input.source_lang)) {
    return json(response, 400, { message: "Value for 'source_lang' not supported." })
  }
  let translations = (input.text as string[]).map((text) => ({
    detected_source_language: input.source_lang ?? fakeDetect(text).toUpperCase(),
    text: `[${target}] ${text}`,
  }))
  if (shape === 'wrong_shape') return json(response, 200, { translations: [{ txt: 'x' }] })
  if (shape === 'too_few_translations') translations = translations.slice(1)
  json(response, 200, { translations })
}
