import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MemorySecrets } from '../../../../../electron/services/accounts/secret-store'
import { createDesk } from '../../../../../electron/services/desk'
import type { Desk } from '../../../../../electron/services/desk'
import { EmbeddedPlatform } from '../../../../../electron/services/embedded-sandbox'
import type { PlatformStatus } from '../../../../../shared/bridge/account-schemas'
import { startTestSandbox } from '../../../sandbox/harness'
import type { TestSandbox } from '../../../sandbox/harness'
import { fastBreaker, ManualClock, setFaults } from './harness'

// platform:status and platform:statusChanged as the breaker and the connection see them.

let box: TestSandbox
let dir: string
let desk: Desk
let clock: ManualClock
let changes: PlatformStatus[]
let secrets: MemorySecrets

beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-status-'))
  clock = new ManualClock()
  secrets = new MemorySecrets()
  desk = await createDesk({
    userDataDir: dir,
    host: 'web',
    version: '0.0.0',
    osLocale: 'en',
    secrets,
    embedded: new EmbeddedPlatform(async () => box.sandbox),
    tuning: { clock, sleep: async () => {}, breaker: fastBreaker },
  })
  changes = []
  desk.events.subscribe((event, payload) => {
    if (event === 'platform:statusChanged') changes.push(payload as PlatformStatus)
  })
})
afterEach(async () => {
  await setFaults(box, {})
  await rm(dir, { recursive: true, force: true })
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
const states = () => changes.map((change) => change.state)

describe('platform status', () => {
  it('asks the platform once when first read, and turns online', async () => {
    expect((await desk.handlers['platform:status']()).state).toBe('connecting')
    await expect.poll(() => states()).toEqual(['online'])
  })

  it('goes offline with the next try time while the breaker is open, then back online', async () => {
    expect((await desk.connection.use()).client).toBeDefined()
    await desk.handlers['properties:list']()
    await settle()
    await setFaults(box, { outage: true })
    await expect(desk.handlers['properties:list']()).rejects.toMatchObject({ code: 'offline' })
    await settle()
    expect(changes.at(-1)).toMatchObject({
      state: 'offline',
      retryAt: clock.now() + fastBreaker.cooldownMs,
      lastError: { code: 'offline', details: { cause: 'breaker_open' } },
    })
    await setFaults(box, {})
    clock.advance(fastBreaker.cooldownMs)
    await desk.handlers['properties:list']()
    await settle()
    expect(changes.at(-1)).toMatchObject({ state: 'online', lastError: null, retryAt: null })
  })

  it('is offline at once when the platform was never reached', async () => {
    await setFaults(box, { outage: true })
    await desk.handlers['platform:status']()
    await expect.poll(() => states()).toContain('offline')
  })

  it('is unconfigured when the active account has no secret on this host', async () => {
    await desk.accounts.add({
      label: 'Elsewhere',
      baseUrl: box.url,
      clientId: box.sandbox.account.clientId,
      clientSecret: 'x',
      syncMode: 'queue',
    })
    // As if the secret had been stored by the other host (Electron's keychain): none here.
    await secrets.delete((await desk.accounts.activeSummary()).accountId)
    await desk.connection.reset()
    changes = []
    await desk.handlers['platform:status']()
    await expect.poll(() => states()).toEqual(['unconfigured'])
    expect(changes[0]?.lastError).toMatchObject({
      code: 'unconfigured',
      details: { cause: 'secret_missing' },
    })
  })
})
