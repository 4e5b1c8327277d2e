import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import { failure } from '../../shared/bridge/result'
import type { BridgeHandlers } from '../services/bridge-dispatch'
import type { EventHub } from '../services/event-hub'
import { handleEvents, handleInvoke } from './api-routes'
import { createGuard, hasAllowedHost, hasAllowedOrigin, hasToken } from './guard'
import type { RequestGuard } from './guard'
import { sendJson, setSecurityHeaders } from './headers'

export interface WebHostOptions {
  rendererDir: string
  handlers: BridgeHandlers
  events: EventHub
  token: string
  /** 0 picks a free port. */
  port: number
}

export interface WebHost {
  server: Server
  port: number
  /** What a browser opens: the page plus this launch's token. */
  url: string
  close(): Promise<void>
}

/**
 * Serves the built renderer and the DeskApi over HTTP on 127.0.0.1 only, so the whole
 * app runs in any Chromium (tests, Linux desks) with the same services as Electron.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const serveStatic = sirv(options.rendererDir, { etag: true, dev: false, single: false })
  let guard: RequestGuard | null = null
  const server = createServer((request, response) => {
    setSecurityHeaders(response)
    if (!guard || !hasAllowedHost(request, guard) || !hasAllowedOrigin(request, guard)) {
      return sendJson(response, 403, failure('forbidden', 'Foreign host or origin.'))
    }
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return sendJson(response, 405, failure('invalid_argument', 'GET only.'))
      }
      return serveStatic(request, response, () =>
        sendJson(response, 404, failure('invalid_argument', 'Not found.')),
      )
    }
    if (!hasToken(request, guard))
      return sendJson(response, 401, failure('forbidden', 'Missing or wrong token.'))
    if (url.pathname === '/api/events' && request.method === 'GET') {
      return handleEvents(response, options.events)
    }
    const invoke = /^\/api\/invoke\/([a-z]+:[A-Za-z]+)$/.exec(url.pathname)
    if (invoke) {
      handleInvoke(request, response, invoke[1]!, options.handlers).catch((error: unknown) => {
        console.error('Web host request failed:', error)
        if (!response.headersSent) sendJson(response, 500, failure('internal', 'Request failed.'))
      })
      return
    }
    sendJson(response, 404, failure('unknown_channel', 'No such route.'))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // Loopback only: other machines on the hotel network must never reach the desk.
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  guard = createGuard(port, options.token)
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
