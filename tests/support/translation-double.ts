import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deepL, json, libreTranslate } from './translation-double-protocols'
import type { Protocol } from './translation-double-protocols'

/**
 * A local stand-in for both translation protocols, for unit tests only: LibreTranslate under
 * `/lt` and DeepL API v2 under `/deepl`, on 127.0.0.1. By default it behaves like the real
 * services (translation-double-protocols.ts); a scenario makes one of them misbehave the way
 * real services do: rate limits, quota, bans, slowness, broken or oversized answers.
 */

export type { Protocol }

export type Scenario =
  | { kind: 'normal' }
  | { kind: 'rate_limited'; retryAfter?: string; status?: 429 | 529 }
  /** DeepL: 456. LibreTranslate has no quota, only a daily limit answered as 429. */
  | { kind: 'quota_exhausted' }
  /** LibreTranslate: 403 after repeated rate-limit violations. */
  | { kind: 'banned' }
  /** DeepL: a Free key on the Pro endpoint or the other way round. */
  | { kind: 'wrong_endpoint' }
  | { kind: 'server_error'; status?: number }
  | { kind: 'slow_headers'; delayMs: number }
  | { kind: 'slow_body'; delayMs: number }
  | { kind: 'malformed_json' }
  | { kind: 'wrong_shape' }
  | { kind: 'too_few_translations' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'redirect' }
  /** A 403 whose message repeats the key the client sent. */
  | { kind: 'echo_key' }

export interface RecordedRequest {
  protocol: Protocol
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: unknown
}

export interface TranslationDouble {
  /** Base URL of the LibreTranslate routes (`…/lt`). */
  libreUrl: string
  /** Base URL of the DeepL routes (`…/deepl`). */
  deeplUrl: string
  requests: RecordedRequest[]
  scenario(protocol: Protocol, scenario: Scenario): void
  close(): Promise<void>
}

export interface DoubleOptions {
  /** The LibreTranslate key the server requires; null (default): a server without keys. */
  libreKey?: string | null
  deeplKey?: string
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function sentKey(protocol: Protocol, request: IncomingMessage, body: unknown): string {
  if (protocol === 'deepl') {
    return String(request.headers.authorization ?? '').replace(/^DeepL-Auth-Key /, '')
  }
  return String((body as { api_key?: unknown } | undefined)?.api_key ?? '')
}

/** Answers for the scenario; false when the protocol should answer normally after all. */
async function misbehave(
  scenario: Scenario,
  protocol: Protocol,
  response: ServerResponse,
  key: string,
): Promise<boolean> {
  const error = (message: string) => ({ [protocol === 'deepl' ? 'message' : 'error']: message })
  switch (scenario.kind) {
    case 'rate_limited': {
      const headers = scenario.retryAfter ? { 'retry-after': scenario.retryAfter } : undefined
      json(response, scenario.status ?? 429, error('Too many requests'), headers)
      return true
    }
    case 'quota_exhausted':
      if (protocol === 'deepl') json(response, 456, error('Quota exceeded'))
      else json(response, 429, error('Slowdown: 100 per 1 day'))
      return true
    case 'banned':
      json(response, 403, error('Too many request limits violations'))
      return true
    case 'wrong_endpoint':
      json(response, 403, error('Wrong endpoint. Use https://api.deepl.com'))
      return true
    case 'server_error':
      response.writeHead(scenario.status ?? 500, { 'content-type': 'text/html' })
      response.end('<html><body>Bad gateway</body></html>')
      return true
    case 'slow_headers':
      await wait(scenario.delayMs)
      return false
    case 'slow_body':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"transl')
      await wait(scenario.delayMs)
      response.end('}')
      return true
    case 'malformed_json':
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"translatedText": [')
      return true
    case 'huge':
      json(response, 200, { padding: 'x'.repeat(scenario.bytes) })
      return true
    case 'redirect':
      response.writeHead(302, { location: 'https://elsewhere.example/translate' })
      response.end()
      return true
    case 'echo_key':
      json(response, 403, error(`Invalid API key: ${key}`))
      return true
    default:
      return false
  }
}

export async function startTranslationDouble(
  options: DoubleOptions = {},
): Promise<TranslationDouble> {
  const libreKey = options.libreKey ?? null
  const deeplKey = options.deeplKey ?? 'deepl-test-key:fx'
  const scenarios: Record<Protocol, Scenario> = {
    libretranslate: { kind: 'normal' },
    deepl: { kind: 'normal' },
  }
  const requests: RecordedRequest[] = []

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/'
    const protocol: Protocol | null = url.startsWith('/lt/')
      ? 'libretranslate'
      : url.startsWith('/deepl/')
        ? 'deepl'
        : null
    if (!protocol) return json(response, 404, { error: 'Not Found' })
    const body = await readBody(request)
    const path = url.slice(protocol === 'deepl' ? '/deepl'.length : '/lt'.length)
    requests.push({ protocol, method: request.method ?? '', path, headers: request.headers, body })
    const scenario = scenarios[protocol]
    if (await misbehave(scenario, protocol, response, sentKey(protocol, request, body))) return
    const shape =
      scenario.kind === 'wrong_shape' || scenario.kind === 'too_few_translations'
        ? scenario.kind
        : 'normal'
    const exchange = { request, response, path, body, shape } as const
    if (protocol === 'deepl') deepL(exchange, deeplKey)
    else libreTranslate(exchange, libreKey)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    libreUrl: `${origin}/lt`,
    deeplUrl: `${origin}/deepl`,
    requests,
    scenario: (protocol, scenario) => {
      scenarios[protocol] = scenario
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
