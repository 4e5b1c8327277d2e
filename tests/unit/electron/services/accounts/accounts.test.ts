import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccountStore } from '../../../../../electron/services/accounts/account-store'
import { Accounts } from '../../../../../electron/services/accounts/accounts'
import { FileSecrets } from '../../../../../electron/services/accounts/file-secrets'
import { MemorySecrets } from '../../../../../electron/services/accounts/secret-store'
import type { SecretStore } from '../../../../../electron/services/accounts/secret-store'
import { EmbeddedPlatform } from '../../../../../electron/services/embedded-sandbox'
import type { RunningSandbox } from '../../../../../sandbox'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-accounts-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const fakeSandbox: RunningSandbox = {
  url: 'http://127.0.0.1:4321',
  account: { clientId: 'innbox-sandbox-desk', clientSecret: 'sandbox-secret' },
  close: async () => {},
}

function setup(secrets: SecretStore = new FileSecrets(path.join(dir, 'secrets.json'))) {
  let starts = 0
  const embedded = new EmbeddedPlatform(async () => {
    starts += 1
    return fakeSandbox
  })
  let next = 0
  const accounts = new Accounts(
    new AccountStore(path.join(dir, 'accounts.json')),
    secrets,
    embedded,
    () => `acc-${++next}`,
  )
  return { accounts, secrets, starts: () => starts }
}

const draft = {
  label: 'Casa Lisboa',
  baseUrl: 'https://platform.example',
  clientId: 'casa-desk',
  clientSecret: 's3cr3t-value-xyz',
  syncMode: 'queue' as const,
}

describe('accounts', () => {
  it('start with the built-in platform active, without starting it', async () => {
    const { accounts, starts } = setup()
    expect(await accounts.list()).toEqual([
      expect.objectContaining({ accountId: 'sandbox', kind: 'sandbox', label: null, active: true }),
    ])
    expect(starts()).toBe(0)
  })

  it('connect to the built-in platform with its own credentials, started on demand', async () => {
    const { accounts, starts } = setup()
    const credentials = await accounts.activeCredentials()
    expect(credentials).toMatchObject({ baseUrl: fakeSandbox.url, clientId: 'innbox-sandbox-desk' })
    expect(await credentials.secret()).toBe('sandbox-secret')
    await accounts.activeCredentials()
    expect(starts()).toBe(1)
  })

  it('add an account, make it active, and keep its secret out of accounts.json', async () => {
    const { accounts } = setup()
    const added = await accounts.add(draft)
    expect(added).toEqual({
      accountId: 'acc-1',
      kind: 'platform',
      label: 'Casa Lisboa',
      baseUrl: 'https://platform.example',
      clientId: 'casa-desk',
      syncMode: 'queue',
      active: true,
    })
    const metadata = await readFile(path.join(dir, 'accounts.json'), 'utf8')
    expect(metadata).not.toContain(draft.clientSecret)
    expect(JSON.parse(metadata)).toMatchObject({ activeId: 'acc-1' })
    expect(await (await accounts.activeCredentials()).secret()).toBe(draft.clientSecret)
    if (process.platform !== 'win32') {
      expect((await stat(path.join(dir, 'accounts.json'))).mode & 0o777).toBe(0o600)
      expect((await stat(path.join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600)
    }
  })

  it('update the same base URL and client id instead of adding a twin', async () => {
    const { accounts } = setup()
    await accounts.add(draft)
    await accounts.add({ ...draft, label: 'Casa Lisboa (new secret)', clientSecret: 'other-1234' })
    const list = await accounts.list()
    expect(list).toHaveLength(2)
    expect(list[1]).toMatchObject({ accountId: 'acc-1', label: 'Casa Lisboa (new secret)' })
    expect(await (await accounts.credentials('acc-1')).secret()).toBe('other-1234')
  })

  it('survive a restart', async () => {
    await setup().accounts.add(draft)
    const { accounts } = setup()
    expect((await accounts.activeSummary()).label).toBe('Casa Lisboa')
  })

  it('fall back to the built-in platform when the active account is removed, with its secret', async () => {
    const { accounts, secrets } = setup()
    await accounts.add(draft)
    await accounts.remove('acc-1')
    expect((await accounts.activeSummary()).accountId).toBe('sandbox')
    expect(await secrets.get('acc-1')).toBeNull()
    expect(await readFile(path.join(dir, 'secrets.json'), 'utf8')).not.toContain(draft.clientSecret)
  })

  it('switch between accounts and refuse unknown ones and removing the built-in one', async () => {
    const { accounts } = setup()
    await accounts.add(draft)
    expect((await accounts.activate('sandbox')).active).toBe(true)
    expect((await accounts.activate('acc-1')).active).toBe(true)
    await expect(accounts.activate('nope')).rejects.toMatchObject({ code: 'not_found' })
    await expect(accounts.remove('sandbox')).rejects.toMatchObject({ code: 'invalid_argument' })
  })

  it('keep a damaged accounts file aside and start with the built-in platform', async () => {
    await writeFile(path.join(dir, 'accounts.json'), '{"version":1,"activeId":')
    const { accounts } = setup(new MemorySecrets())
    expect((await accounts.activeSummary()).accountId).toBe('sandbox')
    const { readdir } = await import('node:fs/promises')
    expect((await readdir(dir)).some((name) => name.startsWith('accounts.damaged-'))).toBe(true)
  })

  it('report no secret on this host as null, not as a crash', async () => {
    await setup().accounts.add(draft)
    const { accounts } = setup(new FileSecrets(path.join(dir, 'other-host-secrets.json')))
    expect(await (await accounts.activeCredentials()).secret()).toBeNull()
  })
})

describe('FileSecrets', () => {
  it('makes a file that others could read private again', async () => {
    if (process.platform === 'win32') return
    const file = path.join(dir, 'secrets.json')
    const secrets = new FileSecrets(file)
    await secrets.set('a', 'x-secret')
    const { chmod } = await import('node:fs/promises')
    await chmod(file, 0o644)
    expect(await secrets.get('a')).toBe('x-secret')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('treats a damaged file as holding no secret', async () => {
    const file = path.join(dir, 'secrets.json')
    await writeFile(file, 'not json', { mode: 0o600 })
    expect(await new FileSecrets(file).get('a')).toBeNull()
  })
})
