import { z } from 'zod'
import { endpoint, parseBaseUrl, recipientOf } from './base-url'
import { translateInBatches } from './batches'
import { normaliseCode, normaliseCodes } from './codes'
import {
  badKey,
  parseRetryAfter,
  providerError,
  rateLimited,
  redact,
  unsupportedPair,
} from './errors'
import { errorDetail, exchange, parseJson, transportDefaults } from './http'
import type { HttpAnswer, TransportOptions } from './http'
import { fail, succeed } from './provider'
import type {
  LanguageSupport,
  TranslateRequest,
  Translation,
  TranslationError,
  TranslationProvider,
  TranslationResult,
} from './provider'
import { translateCarefully } from './request'

/**
 * LibreTranslate (open source, self-hostable) and any server speaking its API:
 * `POST /translate` with `q` (one string or an array), `source` ("auto" allowed), `target`,
 * `format: "text"` and an optional `api_key` in the JSON body; `GET /languages`.
 */

const service = 'LibreTranslate'

export interface LibreTranslateConfig extends TransportOptions {
  baseUrl: string
  apiKey?: string | null
}

const detection = z.object({ language: z.string(), confidence: z.number().optional() })

const translateAnswer = z.object({
  translatedText: z.union([z.string(), z.array(z.string())]),
  detectedLanguage: z.union([detection, z.array(detection)]).optional(),
})

const languagesAnswer = z.array(
  z.object({
    code: z.string(),
    name: z.string().optional(),
    targets: z.array(z.string()).optional(),
  }),
)

// The server translates a batch text by text; small batches keep each request short.
const limits = { maxTexts: 20, maxBytes: 20_000 }

export function createLibreTranslate(
  config: LibreTranslateConfig,
): TranslationResult<TranslationProvider> {
  const base = parseBaseUrl(config.baseUrl)
  if (!base.ok) return base
  const apiKey = config.apiKey?.trim() || null
  const transport = transportDefaults(config)
  const secrets = apiKey ? [apiKey] : []

  // Server messages are localised; asking for English keeps them recognisable below.
  const send = (method: 'GET' | 'POST', path: string, body?: object) =>
    exchange(transport.fetch, service, {
      method,
      url: endpoint(base.value, path),
      headers: { 'accept-language': 'en', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: transport.timeoutMs,
      maxBytes: transport.maxResponseBytes,
    })

  function refusal(answer: HttpAnswer, request: TranslateRequest | null): TranslationError {
    const detail = redact(errorDetail(answer.text, 'error'), secrets)
    const { status } = answer
    if (status === 429)
      return rateLimited(service, parseRetryAfter(answer.headers.get('retry-after')))
    // A server that bans an address after repeated 429s answers 403 "Too many request limits violations".
    if (status === 403 && /limit/i.test(detail)) return rateLimited(service, null)
    if (status === 403) return badKey(service, detail)
    // A server that requires a key answers 400 "Visit … to get an API key" when none is sent.
    if (status === 400 && /api key/i.test(detail)) return badKey(service, detail)
    if (status === 400 && request && /not supported|not available/i.test(detail)) {
      return unsupportedPair(service, request.source, request.target, detail)
    }
    if (status >= 300 && status < 400) {
      return providerError(service, status, 'it redirects elsewhere; enter the final address')
    }
    return providerError(service, status, detail)
  }

  async function translateBatch(
    request: TranslateRequest,
    texts: string[],
  ): Promise<TranslationResult<Translation[]>> {
    const answer = await send('POST', '/translate', {
      q: texts.length === 1 ? texts[0] : texts,
      source: request.source ?? 'auto',
      target: request.target,
      format: 'text',
      ...(apiKey ? { api_key: apiKey } : {}),
    })
    if (!answer.ok) return answer
    if (answer.value.status !== 200) return fail(refusal(answer.value, request))
    const parsed = parseJson(service, answer.value.text, translateAnswer)
    if (!parsed.ok) return parsed
    const translated = [parsed.value.translatedText].flat()
    const detected = [parsed.value.detectedLanguage ?? []].flat()
    if (translated.length !== texts.length) {
      return fail({
        code: 'malformed_response',
        message: `${service} sent ${translated.length} translations for ${texts.length} texts.`,
      })
    }
    return succeed(
      translated.map((text, index) => {
        const language = request.source === null ? detected[index]?.language : undefined
        return { text, detectedSource: language ? normaliseCode(language) : null }
      }),
    )
  }

  return succeed({
    id: `libretranslate:${base.value.host}${base.value.pathname}`,
    kind: 'libretranslate',
    describeRecipient: () => recipientOf(base.value),

    async languages(): Promise<TranslationResult<LanguageSupport>> {
      const answer = await send('GET', '/languages')
      if (!answer.ok) return answer
      if (answer.value.status !== 200) return fail(refusal(answer.value, null))
      const parsed = parseJson(service, answer.value.text, languagesAnswer)
      if (!parsed.ok) return parsed
      const source = normaliseCodes(parsed.value.map((language) => language.code))
      // Servers older than the `targets` field translate between every pair they list.
      const targets = parsed.value.flatMap((language) => language.targets ?? [language.code])
      return succeed({ source, target: normaliseCodes(targets) })
    },

    translate: (request) =>
      translateCarefully(service, request, (texts) =>
        translateInBatches(texts, limits, (batch) => translateBatch(request, batch)),
      ),
  })
}
