// Every bridge channel fuzzed with garbage arguments on the real dispatcher, the real desk
// handlers and a real data folder, then the same over the web host's HTTP route and the
// Electron IPC handlers (where a foreign frame is refused whatever it sends): each call must come
// back as a validated refusal, nothing may throw, no event may fire, and the data folder must
// be byte-for-byte what it was before.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FakeIpcMain } from '../../../support/electron-double'
import { FileSecrets } from '../../../../electron/services/accounts/file-secrets'
import { dispatch } from '../../../../electron/services/bridge-dispatch'
import { createDesk } from '../../../../electron/services/desk'
import type { Desk } from '../../../../electron/services/desk'
import { openFileLog } from '../../../../electron/services/logging/file-log'
import type { FileLog } from '../../../../electron/services/logging/file-log'
import { startWebHost } from '../../../../electron/web/server'
import type { WebHost } from '../../../../electron/web/server'
import { invokeChannels } from '../../../../shared/bridge/channels'
import { invokeContract } from '../../../../shared/bridge/contract'
import { fromWire } from '../../../../shared/bridge/wire'

vi.mock('electron', () => ({}))
const { registerBridgeHandlers } = await import('../../../../electron/main/ipc')

let root: string
let dataDir: string
let desk: Desk
let log: FileLog
let host: WebHost
const emitted: string[] = []
const unexpected: string[] = []
const token = 'fuzz-token-abcdefghijklmnop'

/** Every file under the data folder with the hash of its bytes. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  }
  return out
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'innbox-fuzz-'))
  dataDir = path.join(root, 'data')
  log = await openFileLog(path.join(dataDir, 'logs'))
  desk = await createDesk({
    userDataDir: dataDir,
    host: 'web',
    version: '1.0.0',
    osLocale: 'en-GB',
    secrets: new FileSecrets(path.join(dataDir, 'secrets.json')),
    log,
  })
  // Some saved state, so "nothing written" also means "nothing overwritten".
  const seeded = await dispatch(desk.handlers, 'settings:update', [{ language: 'de' }])
  expect(seeded.ok).toBe(true)
  desk.events.subscribe((event) => emitted.push(event))
  host = await startWebHost({
    rendererDir: root,
    handlers: desk.handlers,
    events: desk.events,
    token,
    port: 0,
  })
})

afterAll(async () => {
  await host?.close()
  await log?.close()
  await rm(root, { recursive: true, force: true })
})

/** Anything JavaScript can hand over IPC, and more: odd prototypes, bytes, huge values. */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
})

/** Argument lists that look almost right: the right length, hostile keys, long strings. */
const nearMiss = (length: number) =>
  fc.oneof(
    fc.array(anyValue, { minLength: length, maxLength: length }),
    fc.array(
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'content', 'language'),
        fc.oneof(anyValue, fc.string({ minLength: 5_000, maxLength: 20_000 })),
      ),
      { minLength: length, maxLength: length + 1 },
    ),
  )

const arity = (channel: (typeof invokeChannels)[number]) =>
  invokeContract[channel].args.def.items.length

const garbageFor = (channel: (typeof invokeChannels)[number]) =>
  fc
    .oneof(anyValue, nearMiss(arity(channel)))
    .filter((args) => !invokeContract[channel].args.safeParse(args).success)

describe('bridge fuzz on the real desk', () => {
  it.each(invokeChannels)(
    '%s refuses garbage with a validated error',
    async (channel) => {
      const before = await fingerprint(dataDir)
      await fc.assert(
        fc.asyncProperty(garbageFor(channel), async (args) => {
          const result = await dispatch(desk.handlers, channel, args, (name) =>
            unexpected.push(name),
          )
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
        }),
        { numRuns: 40 },
      )
      expect(await fingerprint(dataDir)).toEqual(before)
      expect(emitted).toEqual([])
      expect(unexpected).toEqual([])
    },
    120_000,
  )

  it('refuses every channel name outside the contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), anyValue).filter((name) => !invokeChannels.includes(name as never)),
        anyValue,
        async (name, args) => {
          const result = await dispatch(desk.handlers, name, args)
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
        },
      ),
      { numRuns: 200 },
    )
  }, 60_000)
})

interface Answer {
  status: number
  body: string
}

function post(pathname: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** JSON that survives the wire: what a hostile page could POST to the web host. */
const jsonGarbageFor = (channel: (typeof invokeChannels)[number]) =>
  fc
    .oneof(
      fc.jsonValue(),
      fc.array(fc.jsonValue(), { minLength: arity(channel), maxLength: arity(channel) }),
      // Byte markers the wire decoder turns into Uint8Array, valid base64 or not.
      fc.array(fc.record({ $bytes: fc.oneof(fc.base64String(), fc.string()) }), {
        minLength: 1,
        maxLength: 2,
      }),
    )
    // Judged as the host sees it, after JSON and the byte markers are decoded.
    .filter(
      (args) =>
        !invokeContract[channel].args.safeParse(fromWire(JSON.parse(JSON.stringify(args)))).success,
    )

describe('bridge fuzz over the web host', () => {
  it.each(invokeChannels)(
    'POST /api/invoke/%s refuses garbage',
    async (channel) => {
      const before = await fingerprint(dataDir)
      await fc.assert(
        fc.asyncProperty(jsonGarbageFor(channel), async (args) => {
          const answer = await post(`/api/invoke/${channel}`, JSON.stringify(args))
          expect(answer.status).toBe(200)
          expect(JSON.parse(answer.body)).toMatchObject({
            ok: false,
            error: { code: 'invalid_argument' },
          })
        }),
        { numRuns: 15 },
      )
      expect(await fingerprint(dataDir)).toEqual(before)
      expect(emitted).toEqual([])
    },
    120_000,
  )

  it('answers bodies that are not JSON with 400 and writes nothing', async () => {
    const before = await fingerprint(dataDir)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...invokeChannels),
        fc.string({ minLength: 1 }).filter((text) => {
          try {
            JSON.parse(text)
            return false
          } catch {
            return true
          }
        }),
        async (channel, body) => {
          const answer = await post(`/api/invoke/${channel}`, body)
          expect(answer.status).toBe(400)
          expect(JSON.parse(answer.body)).toMatchObject({ ok: false })
        },
      ),
      { numRuns: 60 },
    )
    expect(await fingerprint(dataDir)).toEqual(before)
  }, 60_000)

  it('still serves a valid call afterwards: the host survived the fuzzing', async () => {
    const answer = await post('/api/invoke/settings:get', '[]')
    expect(JSON.parse(answer.body)).toMatchObject({
      ok: true,
      value: { values: { language: 'de' } },
    })
  })
})

describe('bridge fuzz over the Electron IPC handlers', () => {
  const appUrl = 'app://innbox/index.html'
  const appFrame = { url: appUrl, parent: null }
  const ipc = new FakeIpcMain()
  beforeAll(() => {
    registerBridgeHandlers(ipc as never, desk.handlers, (url) => url === appUrl)
  })
  const call = (channel: string, frame: unknown, args: unknown[]) =>
    ipc.handlers.get(channel)!({ senderFrame: frame }, ...args)

  it.each(invokeChannels)(
    '%s refuses garbage from the app page and anything from another frame',
    async (channel) => {
      const before = await fingerprint(dataDir)
      await fc.assert(
        fc.asyncProperty(
          // IPC spreads the arguments: any list of values a compromised page could send.
          fc
            .array(anyValue, { maxLength: 4 })
            .filter((args) => !invokeContract[channel].args.safeParse(args).success),
          fc.array(anyValue, { maxLength: 4 }),
          fc.oneof(
            fc.constant(null),
            fc.record({ url: fc.webUrl(), parent: fc.constant(null) }),
            fc.constant({ url: appUrl, parent: appFrame }),
          ),
          async (garbage, anyArgs, foreignFrame) => {
            expect(await call(channel, appFrame, garbage)).toMatchObject({
              ok: false,
              error: { code: 'invalid_argument' },
            })
            expect(await call(channel, foreignFrame, anyArgs)).toMatchObject({
              ok: false,
              error: { code: 'forbidden' },
            })
          },
        ),
        { numRuns: 25 },
      )
      expect(await fingerprint(dataDir)).toEqual(before)
      expect(emitted).toEqual([])
    },
    120_000,
  )
})
