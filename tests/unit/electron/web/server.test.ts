import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDesk } from '../../../../electron/services/desk'
import { maxRequestBytes } from '../../../../electron/web/api-routes'
import { startWebHost } from '../../../../electron/web/server'
import type { WebHost } from '../../../../electron/web/server'
import { contentSecurityPolicy } from '../../../../shared/security/csp'

let dir: string
let host: WebHost
const token = 'test-token-0123456789'

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-web-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Innbox</title>')
  const desk = await createDesk({
    userDataDir: path.join(dir, 'data'),
    host: 'web',
    version: '9.9.9',
    osLocale: 'fr-FR',
  })
  host = await startWebHost({
    rendererDir: dir,
    handlers: desk.handlers,
    events: desk.events,
    token,
    port: 0,
  })
})
afterAll(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so Host and Origin can be forged the way an attacker would. */
function send(options: {
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const api = (
  channel: string,
  args: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> =>
  send({
    path: `/api/invoke/${channel}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(args),
  })

describe('web host', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1')
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`)
  })

  it('serves the renderer with the Content-Security-Policy header', async () => {
    const answer = await send({ path: '/' })
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('<title>Innbox</title>')
    expect(answer.headers['content-security-policy']).toBe(contentSecurityPolicy)
    expect(answer.headers['x-frame-options']).toBe('DENY')
  })

  it('answers a bridge call with the token', async () => {
    const answer = await api('app:info', [])
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: true,
      value: { version: '9.9.9', host: 'web', osLocale: 'fr-FR' },
    })
  })

  it.each([
    ['no token', { Authorization: '' }],
    ['a wrong token', { Authorization: 'Bearer test-token-0123456780' }],
  ])('refuses a bridge call with %s', async (_name, headers) => {
    const answer = await api('settings:get', [], headers)
    expect(answer.status).toBe(401)
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const answer = await api('settings:get', [], { Host: `evil.example:${host.port}` })
    expect(answer.status).toBe(403)
    expect((await send({ path: '/', headers: { Host: 'evil.example' } })).status).toBe(403)
  })

  it("refuses another site's Origin, even with the token", async () => {
    const answer = await api('settings:update', [{ language: 'ar' }], {
      Origin: 'https://evil.example',
    })
    expect(answer.status).toBe(403)
    expect(JSON.parse((await api('settings:get', [])).body).value.values.language).toBeNull()
  })

  it('accepts its own origin under either loopback name', async () => {
    const own = await api('settings:get', [], {
      Origin: `http://localhost:${host.port}`,
      Host: `localhost:${host.port}`,
    })
    expect(own.status).toBe(200)
  })

  it('refuses invalid arguments with a validated error and writes nothing', async () => {
    const answer = await api('settings:update', [{ language: 'xx' }])
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    })
  })

  it('refuses a body that is not JSON, and one that is too large', async () => {
    const garbage = await send({
      path: '/api/invoke/settings:get',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{[',
    })
    expect(garbage.status).toBe(400)
    const huge = await api('settings:update', ['x'.repeat(maxRequestBytes + 1)])
    expect(huge.status).toBe(413)
  })

  it('pushes events to a listening stream', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { Authorization: `Bearer ${token}` },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes('event: settings:changed')) {
              resolve(text)
              req.destroy()
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await api('settings:update', [{ language: 'th' }])
    const text = await received
    expect(text).toContain('"language":"th"')
  })
})
