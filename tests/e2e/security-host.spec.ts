import { readFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures'

// The real built web host process (`out/main/web.js`), attacked the way another program or
// web page on the desk's computer, or another machine on the hotel network, could.

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so Host and Origin can be forged the way an attacker would. */
function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
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

/** Whether a TCP connection to the address opens at all. */
function opens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5_000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

function hostOf(url: string): { port: number; token: string } {
  const parsed = new URL(url)
  return { port: Number(parsed.port), token: parsed.searchParams.get('token')! }
}

test('refuses bridge calls without the token or with a wrong one', async ({ webHost }) => {
  const { port, token } = hostOf(webHost.url)
  const call = (authorization?: string) =>
    send(port, {
      path: '/api/invoke/settings:update',
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      },
      body: JSON.stringify([{ language: 'ar' }]),
    })
  // One character changed (the token ends in any of 64: replacing it by a fixed one was the
  // token itself once in 64 runs).
  const wrong = `Bearer ${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`
  for (const authorization of [undefined, '', wrong, token, 'Bearer ']) {
    const answer = await call(authorization)
    expect(answer.status, String(authorization)).toBe(401)
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  }
  const events = await send(port, { path: '/api/events' })
  expect(events.status).toBe(401)
  // None of them changed anything: the real token still reads the default language.
  const settings = await send(port, {
    path: '/api/invoke/settings:get',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: '[]',
  })
  expect(JSON.parse(settings.body)).toMatchObject({
    ok: true,
    value: { values: { language: null } },
  })
})

test('refuses a foreign Host or Origin even with the token', async ({ webHost }) => {
  const { port, token } = hostOf(webHost.url)
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }
  const attempts: Record<string, string>[] = [
    { Host: `evil.example:${port}` }, // DNS rebinding
    { Host: `127.0.0.1:${port + 1}` },
    { Origin: 'https://evil.example' }, // another site's script
    { Origin: 'null' }, // a sandboxed iframe or a file:// page
    { Origin: `http://127.0.0.1:${port}.evil.example` },
    { 'Sec-Fetch-Site': 'cross-site' },
  ]
  for (const forged of attempts) {
    const answer = await send(port, {
      path: '/api/invoke/settings:update',
      method: 'POST',
      headers: { ...headers, ...forged },
      body: JSON.stringify([{ language: 'ar' }]),
    })
    expect(answer.status, JSON.stringify(forged)).toBe(403)
  }
  // The page itself is not served to a rebinding name either.
  expect((await send(port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(403)
  const own = await send(port, {
    path: '/api/invoke/app:info',
    method: 'POST',
    headers: { ...headers, Origin: `http://127.0.0.1:${port}` },
    body: '[]',
  })
  expect(JSON.parse(own.body)).toMatchObject({ ok: true, value: { host: 'web' } })
})

test('listens on loopback only', async ({ webHost }) => {
  const { port } = hostOf(webHost.url)
  expect(await opens('127.0.0.1', port)).toBe(true)
  // The kernel's own table: the listening socket is bound to 127.0.0.1 (0100007F), not 0.0.0.0.
  const table = await readFile('/proc/net/tcp', 'utf8')
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const listening = table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[1]?.endsWith(`:${hexPort}`) && cells[3] === '0A')
    .map((cells) => cells[1])
  expect(listening).toEqual([`0100007F:${hexPort}`])
  const table6 = await readFile('/proc/net/tcp6', 'utf8').catch(() => '')
  expect(table6).not.toMatch(new RegExp(`:${hexPort} [0-9A-F]+:[0-9A-F]+ 0A `))
  // And from every other address this machine has, nobody answers.
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    .map((entry) => entry!.address)
  for (const address of others) expect(await opens(address, port), address).toBe(false)
})

test('serves the Content-Security-Policy as a header and in the built page', async ({
  webHost,
}) => {
  const { port } = hostOf(webHost.url)
  const page = await send(port, { path: '/' })
  expect(page.status).toBe(200)
  const header = page.headers['content-security-policy'] as string
  expect(page.headers['x-frame-options']).toBe('DENY')
  expect(page.headers['x-content-type-options']).toBe('nosniff')
  // The Electron window loads this same file over app://; its meta policy is the header's
  // (shared/security/csp.ts) less frame-ancestors, which a meta tag cannot carry.
  const built = await readFile(path.join(__dirname, '../../out/renderer/index.html'), 'utf8')
  expect(page.body).toBe(built)
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(built)?.[1]
  expect(`${meta}; frame-ancestors 'none'`).toBe(header)
  const directives = new Map(
    header.split('; ').map((directive) => [directive.split(' ')[0], directive] as const),
  )
  expect(directives.get('default-src')).toBe("default-src 'none'")
  expect(directives.get('script-src')).toBe("script-src 'self'")
  expect(directives.get('object-src')).toBe("object-src 'none'")
  expect(directives.get('base-uri')).toBe("base-uri 'none'")
  expect(directives.get('connect-src')).toBe("connect-src 'self'")
  expect(header).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
  // API answers and refusals carry it too.
  const refused = await send(port, { path: '/api/events' })
  expect(refused.headers['content-security-policy']).toBe(header)
})
