import type {
  BridgeError,
  BridgeErrorCode,
  BridgeErrorDetails,
  TransportCause,
} from '../../../shared/bridge/result'
import { problem } from './types'
import type { FetchFunction } from './types'

// One HTTP exchange with the platform: Node's fetch, a timeout over the whole exchange
// (headers and body), a cap on the answer's size, and every failure turned into a typed
// error that says whether the request may have reached the platform.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  /** Answers larger than this are cut off and refused: a platform never sends that much. */
  maxBytes: number
}

export type HttpOutcome =
  | { kind: 'answered'; status: number; headers: Headers; text: string }
  | {
      kind: 'failed'
      error: BridgeError
      /**
       * True when the request may have been written before the failure (a timeout, a
       * connection cut, an unreadable answer): a write may have happened on the platform.
       */
      ambiguous: boolean
      /** Set when the failure came after the status line. */
      status: number | null
    }

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$)/

const causeMessages: Record<TransportCause, string> = {
  dns: 'The platform host name could not be resolved.',
  connection_refused: 'The platform refused the connection.',
  tls: 'A secure connection to the platform could not be made (TLS).',
  connection_reset: 'The connection to the platform was cut.',
  breaker_open: 'The platform has been failing; requests are paused.',
  secret_missing: 'No secret is stored for this account on this host.',
}

export function offline(
  cause: TransportCause,
  details: BridgeErrorDetails = {},
  code: BridgeErrorCode = 'offline',
): BridgeError {
  return problem(code, causeMessages[cause], { ...details, cause })
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

/** Where a fetch failure happened; only failures before the request was written are safe. */
export function classifyFetchError(error: unknown): { error: BridgeError; ambiguous: boolean } {
  if (isTimeout(error)) {
    return { error: problem('timeout', 'The platform did not answer in time.'), ambiguous: true }
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  const code = typeof cause?.code === 'string' ? cause.code : ''
  if (DNS_CODES.has(code)) return { error: offline('dns'), ambiguous: false }
  if (REFUSED_CODES.has(code) || cause?.message === 'bad port') {
    return { error: offline('connection_refused'), ambiguous: false }
  }
  if (TLS_CODE.test(code)) return { error: offline('tls'), ambiguous: false }
  return { error: offline('connection_reset'), ambiguous: true }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    return 'too_large'
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return 'too_large'
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

export async function sendHttp(fetchFn: FetchFunction, request: HttpRequest): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(request.timeoutMs)
  let response: Response
  try {
    response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      // A redirect is not followed with the bearer token; its answer is refused as malformed.
      redirect: 'manual',
    })
  } catch (error) {
    return { kind: 'failed', ...classifyFetchError(error), status: null }
  }
  const { status } = response
  let bytes: Uint8Array | 'too_large'
  try {
    bytes = await readCapped(response, request.maxBytes)
  } catch (error) {
    return { kind: 'failed', ...classifyFetchError(error), status }
  }
  if (bytes === 'too_large') {
    const message = `The platform's answer is larger than ${request.maxBytes} bytes.`
    return {
      kind: 'failed',
      error: problem('malformed_response', message, { status }),
      ambiguous: true,
      status,
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { kind: 'answered', status, headers: response.headers, text }
  } catch {
    const message = "The platform's answer is not UTF-8 text."
    return {
      kind: 'failed',
      error: problem('malformed_response', message, { status }),
      ambiguous: true,
      status,
    }
  }
}
