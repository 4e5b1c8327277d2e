import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileSecrets } from '../../../../../electron/services/accounts/file-secrets'
import { dispatch } from '../../../../../electron/services/bridge-dispatch'
import { createDesk } from '../../../../../electron/services/desk'
import { EmbeddedPlatform } from '../../../../../electron/services/embedded-sandbox'
import { openFileLog } from '../../../../../electron/services/logging/file-log'
import type { FileLog } from '../../../../../electron/services/logging/file-log'
import { createStay, startTestSandbox } from '../../../sandbox/harness'
import type { TestSandbox } from '../../../sandbox/harness'
import { ManualClock } from '../platform/harness'

const secret = 'topsecret-CLIENT-9f8e7d6c'
const content = 'PRIVATE-CONTENT-7c6d: the door code is 4711'

let box: TestSandbox
let dir: string
let log: FileLog
let logText: string

beforeAll(async () => {
  box = await startTestSandbox()
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-log-'))
  log = await openFileLog(path.join(dir, 'logs'))
  const desk = await createDesk({
    userDataDir: dir,
    host: 'web',
    version: '0.0.0',
    osLocale: 'en',
    secrets: new FileSecrets(path.join(dir, 'secrets.json')),
    embedded: new EmbeddedPlatform(async () => box.sandbox),
    log,
    tuning: { clock: new ManualClock(), sleep: async () => {} },
  })
  await box.control('POST', '/accounts', { client_id: 'logged-desk', client_secret: secret })
  const stay = await createStay(box)
  const account = { baseUrl: box.url, clientId: 'logged-desk', clientSecret: secret }
  const run = (channel: string, ...args: unknown[]) => dispatch(desk.handlers, channel, args)
  expect(await run('accounts:test', account)).toMatchObject({ ok: true })
  expect(await run('accounts:add', { ...account, label: 'Logged' })).toMatchObject({ ok: true })
  const ids = { propertyId: stay.propertyId, conversationId: stay.conversationId }
  expect(await run('messages:send', { ...ids, content })).toMatchObject({ ok: true })
  // A link the platform strips (its warning quotes it) and a wrong secret: logged, never quoted.
  await run('messages:send', { ...ids, content: `${content} https://evil.example/pay` })
  await run('accounts:test', { ...account, clientSecret: `${secret}-wrong` })
  await log.close()
  const files = await readdir(path.join(dir, 'logs'))
  logText = (
    await Promise.all(files.map((file) => readFile(path.join(dir, 'logs', file), 'utf8')))
  ).join('\n')
})
afterAll(async () => {
  await box.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the platform log file', () => {
  it('records each request: method, path, status, duration, ruid', () => {
    const lines = logText
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const send = lines.find(
      (line) => line.request?.method === 'POST' && line.request.path.includes('/conversations/'),
    )
    expect(send.request).toMatchObject({
      status: 200,
      outcome: 'ok',
      ruid: expect.stringMatching(/^[0-9a-f]{24}$/),
      durationMs: expect.any(Number),
    })
    expect(lines.some((line) => line.request?.outcome === 'auth_failed')).toBe(true)
  })

  it('never contains a message content, a secret or a token', () => {
    expect(logText).not.toContain('PRIVATE-CONTENT')
    expect(logText).not.toContain('4711')
    expect(logText).not.toContain('evil.example')
    expect(logText).not.toContain(secret)
    expect(logText).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}/)
  })

  it('is readable by the user only', async () => {
    if (process.platform === 'win32') return
    expect((await stat(path.join(dir, 'logs', 'platform.log'))).mode & 0o777).toBe(0o600)
  })
})
