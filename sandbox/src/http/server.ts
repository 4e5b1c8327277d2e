import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { API_VERSIONS, TOKEN_EXCHANGE_PATH, type ApiVersion } from '../../../shared/platform'
import { authenticate, exchangeToken } from '../auth'
import { decideFault, faultsApplyTo } from '../faults'
import type { RequestLogEntry } from '../request-log'
import type { SandboxRuntime } from '../runtime'
import { parseJson, readBody } from './body'
import { ApiError } from './errors'
import { sendControlError, sendEnvelope, sendEnvelopeError, sendJson } from './respond'
import type { Router } from './router'
import type { ApiHandler, ControlHandler } from './types'

export interface HttpApp {
  runtime: SandboxRuntime
  api: Router<ApiHandler>
  /** null unless the control API was switched on. */
  control: Router<ControlHandler> | null
}

export function createSandboxServer(app: HttpApp): Server {
  const server = createServer((request, response) => {
    void dispatch(app, request, response)
  })
  // Requests Node's parser cannot read still get a JSON refusal, not a bare 400.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return socket.destroy()
    const body = JSON.stringify({
      meta: { ruid: randomBytes(12).toString('hex') },
      data: null,
      errors: [{ code: 'bad_request', message: 'The request could not be parsed as HTTP.' }],
      warnings: [],
    })
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })
  // A client that stalls must not pin a socket for ever.
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000
  return server
}

async function dispatch(
  app: HttpApp,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const ruid = randomBytes(12).toString('hex')
  const control = (request.url ?? '').startsWith('/sandbox/')
  try {
    const url = parseUrl(request.url)
    if (control) await handleControl(app, request, response, url)
    else await handleApi(app, request, response, url, ruid)
  } catch (error) {
    const refusal = error instanceof ApiError ? error : internalError(error)
    if (refusal.status === 413) response.setHeader('Connection', 'close')
    if (control) sendControlError(response, refusal)
    else sendEnvelopeError(response, ruid, refusal)
  }
}

async function handleApi(
  app: HttpApp,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  ruid: string,
): Promise<void> {
  const { runtime } = app
  const entry = runtime.requests.begin(
    request.method ?? 'GET',
    url.pathname,
    Date.now(),
    runtime.clock.nowIso(),
  )
  try {
    await answerApi(app, request, response, url, ruid, entry)
  } catch (error) {
    entry.status = error instanceof ApiError ? error.status : 500
    throw error
  }
}

async function answerApi(
  app: HttpApp,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  ruid: string,
  entry: RequestLogEntry,
): Promise<void> {
  const { runtime } = app
  const fault = decideFault(runtime.faults, request.method ?? 'GET')
  if (runtime.faults.latency_ms && faultsApplyTo(runtime.faults, request.method ?? 'GET')) {
    await sleep(runtime.faults.latency_ms)
  }
  if (fault.kind === 'cut') return cut(request, entry, 'cut')
  if (fault.kind === 'error') {
    entry.outcome = 'fault_error'
    entry.retry_after_s = fault.retryAfterS ?? null
    const limited = fault.status === 429
    const headers: Record<string, string> =
      fault.retryAfterS === undefined ? {} : { 'Retry-After': String(fault.retryAfterS) }
    throw new ApiError(
      fault.status,
      limited ? 'rate_limited' : 'platform_unavailable',
      limited
        ? 'Too many requests; retry after the given delay.'
        : 'The platform is temporarily unavailable.',
      headers,
    )
  }
  const bytes = await readBody(request)
  const method = request.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : parseJson(bytes)
  if (url.pathname === TOKEN_EXCHANGE_PATH) {
    if (method !== 'POST') throw methodNotAllowed(['POST'])
    const token = exchangeToken(runtime, body)
    if (fault.kind === 'cut_after_commit') return cut(request, entry, 'cut_after_commit')
    entry.status = 200
    return sendJson(response, 200, { jwt: token.jwt, ruid })
  }
  const match = app.api.match(method, url.pathname)
  if (match.kind === 'none') throw new ApiError(404, 'not_found', `No endpoint at ${url.pathname}.`)
  if (match.kind === 'wrong_method') throw methodNotAllowed(match.allowed)
  const account = authenticate(runtime, request.headers.authorization)
  const version = readVersion(request.headers['accept-version'])
  const warnings: { code: string; message: string }[] = []
  const data = await match.handler({
    runtime,
    account,
    version,
    params: match.params,
    query: url.searchParams,
    body,
    warnings,
  })
  if (fault.kind === 'cut_after_commit') return cut(request, entry, 'cut_after_commit')
  entry.status = 200
  sendEnvelope(response, ruid, data, warnings)
}

function cut(
  request: IncomingMessage,
  entry: RequestLogEntry,
  outcome: 'cut' | 'cut_after_commit',
): void {
  entry.outcome = outcome
  entry.status = null
  request.socket.destroy()
}

async function handleControl(
  app: HttpApp,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  // The control API can rewrite everything: only when switched on, only from this machine.
  if (!app.control || !isLoopback(request.socket.remoteAddress)) {
    throw new ApiError(404, 'not_found', `No endpoint at ${url.pathname}.`)
  }
  const method = request.method ?? 'GET'
  const match = app.control.match(method, url.pathname)
  if (match.kind === 'none')
    throw new ApiError(404, 'not_found', `No control endpoint at ${url.pathname}.`)
  if (match.kind === 'wrong_method') throw methodNotAllowed(match.allowed)
  const bytes = await readBody(request)
  const body = method === 'GET' ? undefined : parseJson(bytes)
  const result = await match.handler({
    runtime: app.runtime,
    params: match.params,
    query: url.searchParams,
    body,
  })
  sendJson(response, 200, result)
}

/** `Accept-Version`: absent means 1.0 (PLATFORM.md, Transport). */
function readVersion(header: string | string[] | undefined): ApiVersion {
  if (header === undefined) return '1.0'
  const value = (Array.isArray(header) ? header[0] : header)?.trim()
  const known = API_VERSIONS.find((version) => version === value)
  if (!known) {
    throw new ApiError(
      400,
      'unsupported_version',
      `Accept-Version must be one of ${API_VERSIONS.join(', ')}.`,
    )
  }
  return known
}

function parseUrl(text: string | undefined): URL {
  try {
    return new URL(text ?? '/', 'http://sandbox.invalid')
  } catch {
    throw new ApiError(400, 'invalid_url', 'The request target is not a valid URL.')
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'
}

function methodNotAllowed(allowed: string[]): ApiError {
  return new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, {
    Allow: allowed.join(', '),
  })
}

function internalError(error: unknown): ApiError {
  console.error('sandbox: unexpected failure', error)
  return new ApiError(500, 'internal_error', 'The sandbox failed unexpectedly.')
}
