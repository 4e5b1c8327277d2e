import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PlatformClient } from '../../../../../electron/services/platform/client'
import type { PlatformClientOptions } from '../../../../../electron/services/platform/client'
import { ManualClock } from './harness'

// A platform that misbehaves in every way a real network can: each test sets how the tiny
// server answers the Messaging API (the token exchange always works).

type Handler = (request: IncomingMessage, response: ServerResponse) => void
let answer: Handler
let server: Server
let baseUrl: string
let sleeps: number[]

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/token-based-authentication/exchange') {
      request.resume()
      response.writeHead(200, { 'Content-Type': 'application/json' })
      return response.end(JSON.stringify({ jwt: 'header.payload.signature', ruid: 'r-token' }))
    }
    answer(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  sleeps = []
})

function client(overrides: Partial<PlatformClientOptions> = {}): PlatformClient {
  return new PlatformClient({
    account: { id: 'bad', baseUrl, clientId: 'desk' },
    secret: async () => 'secret-1234',
    clock: new ManualClock(),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    timeoutMs: 300,
    ...overrides,
  })
}

const json =
  (status: number, body: unknown): Handler =>
  (request, response) => {
    request.resume()
    response.writeHead(status, { 'Content-Type': 'application/json' })
    response.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

const envelope = (data: unknown, errors: unknown[] = []) => ({
  meta: { ruid: 'r-123' },
  data,
  errors,
  warnings: [],
})

describe('answers a platform should never give', () => {
  it('HTML instead of JSON is malformed_response with the status', async () => {
    answer = (request, response) => {
      request.resume()
      response.writeHead(200, { 'Content-Type': 'text/html' })
      response.end('<html><body>Captive portal: please log in</body></html>')
    }
    const result = await client().properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'malformed_response', details: { status: 200 } },
    })
  })

  it('truncated JSON is malformed_response', async () => {
    answer = json(200, '{"meta":{"ruid":"r-1"},"data":{"properties":[{"property_id":')
    expect(await client().properties()).toMatchObject({
      ok: false,
      error: { code: 'malformed_response' },
    })
  })

  it('a 200 carrying errors[] is platform_refused with the ruid and codes', async () => {
    answer = json(200, envelope(null, [{ code: 'property_locked', message: 'Locked.' }]))
    expect(await client().properties()).toMatchObject({
      ok: false,
      error: {
        code: 'platform_refused',
        details: { ruid: 'r-123', platformCodes: ['property_locked'] },
      },
    })
  })

  it('wrong field types are malformed_response, never a half-read object', async () => {
    answer = json(
      200,
      envelope({ properties: [{ property_id: 42, name: ['x'], time_zone: 'Mars/Base' }] }),
    )
    const result = await client().properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'malformed_response', details: { ruid: 'r-123' } },
    })
    expect('value' in result).toBe(false)
  })

  it('a 10 MB answer is cut off and refused', async () => {
    answer = (request, response) => {
      request.resume()
      response.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      for (let i = 0; i < 10; i += 1) response.write(chunk)
      response.end('{}')
    }
    const result = await client({ maxResponseBytes: 8 * 1024 * 1024 }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'malformed_response', details: { status: 200 } },
    })
    expect(!result.ok && result.error.message).toMatch(/larger than/)
  })

  it('a connection cut in the middle of the answer is retried for a read', async () => {
    let calls = 0
    answer = (request, response) => {
      calls += 1
      request.resume()
      if (calls === 1) {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' })
        response.write('{"meta":')
        setTimeout(() => response.socket?.destroy(), 10)
        return
      }
      json(200, envelope({ properties: [] }))(request, response)
    }
    expect(await client().properties()).toMatchObject({ ok: true, value: [] })
    expect(calls).toBe(2)
  })

  it('a redirect is not followed with the token', async () => {
    answer = (request, response) => {
      request.resume()
      response.writeHead(302, { Location: 'https://elsewhere.example/login' })
      response.end()
    }
    expect(await client().properties()).toMatchObject({
      ok: false,
      error: { code: 'malformed_response', details: { status: 302 } },
    })
  })

  it('an answer that never comes is a timeout', async () => {
    answer = () => {}
    expect(await client({ timeoutMs: 50 }).properties()).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    })
    expect(sleeps).toHaveLength(3)
  })
})

describe('platforms that cannot be reached', () => {
  it('an unreachable host is offline, connection refused', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await client({
      account: { id: 'x', baseUrl: `http://127.0.0.1:${port}`, clientId: 'd' },
    }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { cause: 'connection_refused' } },
    })
  })

  it('a name that does not resolve is offline, dns', async () => {
    const result = await client({
      account: { id: 'x', baseUrl: 'http://innbox-test-host.invalid', clientId: 'd' },
      timeoutMs: 5_000,
      tokenTimeoutMs: 5_000,
    }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { cause: 'dns' } },
    })
  })

  it('a TLS failure is offline, tls', async () => {
    // https to a server that speaks plain http: the handshake fails.
    const result = await client({
      account: { id: 'x', baseUrl: baseUrl.replace('http:', 'https:'), clientId: 'd' },
    }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { cause: 'tls' } },
    })
  })
})
