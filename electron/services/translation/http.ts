import type { z } from 'zod'
import { fail, succeed } from './provider'
import type { TranslationResult } from './provider'
import { malformed } from './errors'

/**
 * One HTTP exchange with a translation service: a time limit over the whole exchange
 * (headers and body), a cap on the answer's size, no redirects, and transport failures
 * turned into `timeout` / `offline` values instead of exceptions.
 */

export type FetchFunction = typeof fetch

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  maxBytes: number
}

export interface HttpAnswer {
  status: number
  headers: Headers
  text: string
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => {})
    return null
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function exchange(
  fetchFn: FetchFunction,
  service: string,
  request: HttpRequest,
): Promise<TranslationResult<HttpAnswer>> {
  const host = new URL(request.url).host
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      // A redirect would carry the key and guest text to an address nobody configured.
      redirect: 'manual',
    })
    const text = await readCapped(response, request.maxBytes)
    if (text === null) {
      return fail(malformed(service, `the answer is larger than ${request.maxBytes} bytes`))
    }
    return succeed({ status: response.status, headers: response.headers, text })
  } catch (error) {
    if (isTimeout(error)) {
      const seconds = Math.round(request.timeoutMs / 100) / 10
      return fail({ code: 'timeout', message: `${service} did not answer within ${seconds} s.` })
    }
    return fail({ code: 'offline', message: `${service} at ${host} could not be reached.` })
  }
}

/** JSON.parse + schema check; the detail names the first wrong field, never its value. */
export function parseJson<S extends z.ZodType>(
  service: string,
  text: string,
  schema: S,
): TranslationResult<z.infer<S>> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return fail(malformed(service, 'the answer is not JSON'))
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return succeed(parsed.data)
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the answer'
  return fail(malformed(service, `${where} has the wrong shape`))
}

/** Parses an error body leniently: the service's message if there is one, else ''. */
export function errorDetail(text: string, field: 'error' | 'message'): string {
  try {
    const json: unknown = JSON.parse(text)
    if (json && typeof json === 'object' && field in json) {
      const value = (json as Record<string, unknown>)[field]
      if (typeof value === 'string') return value
    }
  } catch {
    // Not JSON: an HTML error page from a proxy says nothing useful to the desk.
  }
  return ''
}

/** What a provider needs from its host; tests shorten the timeout, the app keeps defaults. */
export interface TransportOptions {
  fetch?: FetchFunction
  /** Whole-exchange limit; a translation that takes longer is not worth the wait at a desk. */
  timeoutMs?: number
  maxResponseBytes?: number
}

export const defaultTimeoutMs = 15_000
export const defaultMaxResponseBytes = 2 * 1024 * 1024

export function transportDefaults(options: TransportOptions): Required<TransportOptions> {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? defaultMaxResponseBytes,
  }
}
