import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Who may talk to the web host. It listens on loopback, but any web page the user opens
 * can still reach loopback: a foreign Host header means DNS rebinding, a foreign Origin
 * means another site's script, and a missing or wrong token means someone who was not
 * given this launch's URL. Each of them is refused.
 */
export interface RequestGuard {
  allowedHosts: ReadonlySet<string>
  allowedOrigins: ReadonlySet<string>
  token: string
}

export function createGuard(port: number, token: string): RequestGuard {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  return {
    allowedHosts: new Set(hosts),
    allowedOrigins: new Set(hosts.map((host) => `http://${host}`)),
    token,
  }
}

export function hasAllowedHost(request: IncomingMessage, guard: RequestGuard): boolean {
  const host = request.headers.host?.toLowerCase()
  return host !== undefined && guard.allowedHosts.has(host)
}

/** Requests without an Origin (same-origin GETs, tools) pass; any other Origin must be ours. */
export function hasAllowedOrigin(request: IncomingMessage, guard: RequestGuard): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return request.headers['sec-fetch-site'] !== 'cross-site'
  return guard.allowedOrigins.has(origin.toLowerCase())
}

export function hasToken(request: IncomingMessage, guard: RequestGuard): boolean {
  const header = request.headers.authorization ?? ''
  const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(guard.token)
  return presented.length === expected.length && timingSafeEqual(presented, expected)
}
