import { z } from 'zod'
import { endpoint, parseBaseUrl, recipientOf } from './base-url'
import { translateInBatches } from './batches'
import { normaliseCode, normaliseCodes } from './codes'
import {
  badKey,
  parseRetryAfter,
  providerError,
  quotaExhausted,
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
 * DeepL API v2: `POST /v2/translate` with `{ text: [...], target_lang, source_lang? }` and
 * `Authorization: DeepL-Auth-Key <key>`; `GET /v2/languages?type=source|target`.
 */

const service = 'DeepL'

export const deeplFreeUrl = 'https://api-free.deepl.com'
export const deeplProUrl = 'https://api.deepl.com'

/** DeepL Free keys end in `:fx` and only work on the free endpoint; all others are Pro. */
export function deeplUrlForKey(apiKey: string): string {
  return apiKey.trim().endsWith(':fx') ? deeplFreeUrl : deeplProUrl
}

export interface DeepLConfig extends TransportOptions {
  apiKey: string
  /** Overrides the endpoint chosen from the key (a proxy, the test double). */
  baseUrl?: string | null
  /**
   * DeepL wants a variant for English and Portuguese targets. Defaults follow the UI's own
   * locales: British English (the handbook's spelling) and European Portuguese (`ficheiro`).
   */
  englishVariant?: 'EN-GB' | 'EN-US'
  portugueseVariant?: 'PT-PT' | 'PT-BR'
}

const translateAnswer = z.object({
  translations: z.array(
    z.object({ text: z.string(), detected_source_language: z.string().optional() }),
  ),
})

const languagesAnswer = z.array(z.object({ language: z.string(), name: z.string().optional() }))

// DeepL's docs say Thai, Hebrew and Vietnamese are translated as text but are missing from
// GET /v2/languages until its document translation supports them; without them here the
// settings page would call Thai unsupported.
const textOnlyLanguages = ['he', 'th', 'vi']

// DeepL accepts 50 texts and a 128 KiB body per request; stay below both.
const limits = { maxTexts: 50, maxBytes: 100_000 }

export function createDeepL(config: DeepLConfig): TranslationResult<TranslationProvider> {
  const apiKey = config.apiKey.trim()
  if (!apiKey) {
    return fail({ code: 'invalid_config', field: 'apiKey', message: 'DeepL needs an API key.' })
  }
  const base = parseBaseUrl(config.baseUrl?.trim() || deeplUrlForKey(apiKey))
  if (!base.ok) return base
  const transport = transportDefaults(config)
  const variants = { en: config.englishVariant ?? 'EN-GB', pt: config.portugueseVariant ?? 'PT-PT' }
  const targetCode = (code: string) =>
    code === 'en'
      ? variants.en
      : code === 'pt'
        ? variants.pt
        : code === 'zh'
          ? 'ZH-HANS'
          : code.toUpperCase()

  const send = (method: 'GET' | 'POST', path: string, body?: object) =>
    exchange(transport.fetch, service, {
      method,
      url: endpoint(base.value, path),
      headers: {
        authorization: `DeepL-Auth-Key ${apiKey}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: transport.timeoutMs,
      maxBytes: transport.maxResponseBytes,
    })

  function refusal(answer: HttpAnswer, request: TranslateRequest | null): TranslationError {
    const detail = redact(errorDetail(answer.text, 'message'), [apiKey])
    const { status } = answer
    if (status === 456) return quotaExhausted(service)
    // 529 is DeepL's "too many requests" under high load.
    if (status === 429 || status === 529) {
      return rateLimited(service, parseRetryAfter(answer.headers.get('retry-after')))
    }
    if (status === 403 && /wrong endpoint/i.test(detail)) {
      return badKey(service, 'the key is for the other plan: Free keys end in ":fx"')
    }
    if (status === 401 || status === 403) return badKey(service, detail)
    if (status === 400 && request && /not supported|source_lang|target_lang/i.test(detail)) {
      return unsupportedPair(service, request.source, request.target, detail)
    }
    if (status === 413)
      return providerError(service, status, 'the texts are too long for one request')
    if (status >= 300 && status < 400) {
      return providerError(service, status, 'it redirects elsewhere; enter the final address')
    }
    return providerError(service, status, detail)
  }

  async function translateBatch(
    request: TranslateRequest,
    texts: string[],
  ): Promise<TranslationResult<Translation[]>> {
    const answer = await send('POST', '/v2/translate', {
      text: texts,
      target_lang: targetCode(request.target),
      ...(request.source ? { source_lang: request.source.toUpperCase() } : {}),
    })
    if (!answer.ok) return answer
    if (answer.value.status !== 200) return fail(refusal(answer.value, request))
    const parsed = parseJson(service, answer.value.text, translateAnswer)
    if (!parsed.ok) return parsed
    const { translations } = parsed.value
    if (translations.length !== texts.length) {
      return fail({
        code: 'malformed_response',
        message: `${service} sent ${translations.length} translations for ${texts.length} texts.`,
      })
    }
    return succeed(
      translations.map(({ text, detected_source_language: detected }) => ({
        text,
        detectedSource: request.source === null && detected ? normaliseCode(detected) : null,
      })),
    )
  }

  async function listLanguages(type: 'source' | 'target'): Promise<TranslationResult<string[]>> {
    const answer = await send('GET', `/v2/languages?type=${type}`)
    if (!answer.ok) return answer
    if (answer.value.status !== 200) return fail(refusal(answer.value, null))
    const parsed = parseJson(service, answer.value.text, languagesAnswer)
    if (!parsed.ok) return parsed
    return succeed(
      normaliseCodes([...parsed.value.map((entry) => entry.language), ...textOnlyLanguages]),
    )
  }

  return succeed({
    id: `deepl:${base.value.host}${base.value.pathname}`,
    kind: 'deepl',
    describeRecipient: () => recipientOf(base.value),

    async languages(): Promise<TranslationResult<LanguageSupport>> {
      const source = await listLanguages('source')
      if (!source.ok) return source
      const target = await listLanguages('target')
      if (!target.ok) return target
      return succeed({ source: source.value, target: target.value })
    },

    translate: (request) =>
      translateCarefully(service, request, (texts) =>
        translateInBatches(texts, limits, (batch) => translateBatch(request, batch)),
      ),
  })
}
