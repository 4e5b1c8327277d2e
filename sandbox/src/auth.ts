import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import {
  TOKEN_LIFETIME_MS,
  TOKENS_PER_HOUR_MAX,
  tokenExchangeRequestSchema,
} from '../../shared/platform'
import { ApiError, parseInput } from './http/errors'
import type { SandboxRuntime } from './runtime'
import type { AccountRecord } from './store/model'

// Machine-account auth (PLATFORM.md, Transport): client id + secret → a JWT (HS256) that
// lives one hour of sandbox time; at most 30 tokens per hour per account.

const HOUR_MS = 60 * 60 * 1000
const issued = new WeakMap<SandboxRuntime, Map<string, number[]>>()

export function exchangeToken(runtime: SandboxRuntime, body: unknown): { jwt: string } {
  const request = parseInput(tokenExchangeRequestSchema, body, 'body')
  const account = runtime.store.state.accounts.get(request.client_id)
  if (!account || !sameText(account.client_secret, request.client_secret)) {
    throw new ApiError(401, 'invalid_credentials', 'Unknown client id or wrong client secret.')
  }
  const now = runtime.clock.now()
  const history = issuedFor(runtime, account.client_id).filter((at) => at > now - HOUR_MS)
  if (history.length >= TOKENS_PER_HOUR_MAX) {
    const retryAfterS = Math.max(1, Math.ceil(((history[0] ?? now) + HOUR_MS - now) / 1000))
    throw new ApiError(
      429,
      'token_limit_reached',
      `At most ${TOKENS_PER_HOUR_MAX} tokens per hour per account.`,
      { 'Retry-After': String(retryAfterS) },
    )
  }
  history.push(now)
  issued.get(runtime)?.set(account.client_id, history)
  const payload = {
    sub: account.client_id,
    iat: Math.floor(now / 1000),
    exp: (now + TOKEN_LIFETIME_MS) / 1000,
    jti: randomUUID(),
  }
  return { jwt: sign(runtime.store.state.signingKey, payload) }
}

/** The account behind `Authorization: Bearer <jwt>`, or a 401. */
export function authenticate(runtime: SandboxRuntime, header: string | undefined): AccountRecord {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1]
  if (!token) throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <jwt>.')
  const [head, body, signature] = token.split('.')
  if (!head || !body || !signature) throw invalidToken()
  const expected = hmac(runtime.store.state.signingKey, `${head}.${body}`)
  if (!sameText(expected, signature)) throw invalidToken()
  let payload: { sub?: unknown; exp?: unknown }
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof payload
  } catch {
    throw invalidToken()
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= runtime.clock.now()) {
    throw new ApiError(
      401,
      'token_expired',
      'The token has expired; exchange the credentials again.',
    )
  }
  const account =
    typeof payload.sub === 'string' ? runtime.store.state.accounts.get(payload.sub) : undefined
  if (!account) throw invalidToken()
  return account
}

function issuedFor(runtime: SandboxRuntime, clientId: string): number[] {
  let byAccount = issued.get(runtime)
  if (!byAccount) {
    byAccount = new Map()
    issued.set(runtime, byAccount)
  }
  return byAccount.get(clientId) ?? []
}

function sign(key: string, payload: object): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${head}.${body}.${hmac(key, `${head}.${body}`)}`
}

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url')
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function invalidToken(): ApiError {
  return new ApiError(401, 'invalid_token', 'The token is not one this platform issued.')
}
