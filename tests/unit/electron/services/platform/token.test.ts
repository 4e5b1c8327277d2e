import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PlatformClient } from '../../../../../electron/services/platform/client'
import {
  ExchangeLedger,
  TOKEN_REFRESH_MARGIN_MS,
} from '../../../../../electron/services/platform/token'
import { TOKEN_LIFETIME_MS, TOKENS_PER_HOUR_MAX } from '../../../../../shared/platform'
import { ManualClock, platformHarness } from './harness'
import type { Harness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await platformHarness()
})
afterAll(() => h.close())
beforeEach(() => {
  h.calls.length = 0
})

const exchanges = (): number =>
  h.calls.filter((call) => call.path === '/token-based-authentication/exchange').length

describe('tokens', () => {
  it('exchange once for many requests, even concurrent ones', async () => {
    const client = h.newClient()
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.properties()))
    expect(results.every((result) => result.ok)).toBe(true)
    await client.properties()
    expect(exchanges()).toBe(1)
  })

  it('are renewed shortly before the hour runs out, not earlier', async () => {
    const client = h.newClient()
    await client.properties()
    h.clock.advance(TOKEN_LIFETIME_MS - TOKEN_REFRESH_MARGIN_MS - 1)
    await client.properties()
    expect(exchanges()).toBe(1)
    h.clock.advance(1)
    await client.properties()
    expect(exchanges()).toBe(2)
  })

  it('are exchanged again and the request retried once when the platform says expired', async () => {
    const client = h.newClient()
    await client.properties()
    // The platform's clock runs ahead of ours: our cached token is already expired there.
    await h.box.control('POST', '/clock', { advance_ms: 2 * TOKEN_LIFETIME_MS })
    try {
      const result = await client.properties()
      expect(result.ok).toBe(true)
      expect(exchanges()).toBe(2)
      expect(h.calls.filter((call) => call.path === '/messaging/properties')).toHaveLength(3)
      expect(h.log.entries.at(-3)).toMatchObject({ status: 401, outcome: 'auth_failed' })
    } finally {
      await h.box.control('POST', '/clock', { advance_ms: -2 * TOKEN_LIFETIME_MS })
    }
  })

  it('answer auth_failed for a wrong secret, without hammering the token endpoint', async () => {
    const client = h.newClient({ secret: async () => 'wrong-secret' })
    const result = await client.properties()
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'auth_failed',
        details: { status: 401, platformCodes: ['invalid_credentials'] },
      },
    })
    expect(exchanges()).toBe(1)
    expect(h.sleeps).toEqual([])
  })

  it('answer unconfigured when the host has no secret', async () => {
    const result = await h.newClient({ secret: async () => null }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unconfigured', details: { cause: 'secret_missing' } },
    })
    expect(h.calls).toEqual([])
  })

  it('respect the 30-per-hour cap without asking the platform', async () => {
    const ledger = new ExchangeLedger()
    const key = `${h.box.url}|${h.box.sandbox.account.clientId}`
    for (let i = 0; i < TOKENS_PER_HOUR_MAX; i += 1)
      ledger.record(key, h.clock.now() - 10 * 60_000 + i)
    const result = await h.newClient({ ledger }).properties()
    expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    expect(result.ok || result.error.details?.retryAfterMs).toBe(50 * 60_000)
    expect(h.calls).toEqual([])
    h.clock.advance(50 * 60_000)
    expect((await h.newClient({ ledger }).properties()).ok).toBe(true)
  })

  it("answer rate_limited with the platform's Retry-After when it refuses a token", async () => {
    // A fresh account whose cap is used up behind the client's back.
    const account = { client_id: 'capped-desk', client_secret: 'capped-secret-1234' }
    await h.box.control('POST', '/accounts', account)
    for (let i = 0; i < TOKENS_PER_HOUR_MAX; i += 1) {
      await h.box.token(account.client_id, account.client_secret)
    }
    const result = await h
      .newClient({
        account: { id: 'capped', baseUrl: h.box.url, clientId: account.client_id },
        secret: async () => account.client_secret,
      })
      .properties()
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        details: { status: 429, platformCodes: ['token_limit_reached'] },
      },
    })
    expect(result.ok || result.error.details?.retryAfterMs).toBeGreaterThan(30 * 60_000)
  })
})

describe('a token endpoint that never answers', () => {
  let server: ReturnType<typeof createServer>
  let url: string
  beforeAll(async () => {
    server = createServer(() => {
      // Never answers.
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('gives a timeout error after the token timeout', async () => {
    const client = new PlatformClient({
      account: { id: 'slow', baseUrl: url, clientId: 'desk' },
      secret: async () => 'secret-1234',
      clock: new ManualClock(),
      sleep: async () => {},
      tokenTimeoutMs: 150,
    })
    const started = Date.now()
    const result = await client.properties()
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } })
    // Four attempts (reads are retried), each cut at 150 ms.
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
