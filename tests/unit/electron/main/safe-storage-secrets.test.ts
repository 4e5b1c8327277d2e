import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeSafeStorage } from '../../../support/electron-double'

vi.mock('electron', () => ({}))
const { SafeStorageSecrets } = await import('../../../../electron/main/safe-storage-secrets')

let dir: string
let file: string
let storage: FakeSafeStorage
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-safe-'))
  file = path.join(dir, 'secrets.safe-storage.json')
  storage = new FakeSafeStorage()
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('SafeStorageSecrets', () => {
  it('keeps only ciphertext on disk, in a file only the user can read', async () => {
    const secrets = new SafeStorageSecrets(file, storage)
    await secrets.set('acc-1', 'client-secret-value')
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('client-secret-value')
    expect(JSON.parse(text).secrets['acc-1']).toMatch(/^[A-Za-z0-9+/]+=*$/)
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await new SafeStorageSecrets(file, storage).get('acc-1')).toBe('client-secret-value')
  })

  it('forgets a removed secret', async () => {
    const secrets = new SafeStorageSecrets(file, storage)
    await secrets.set('acc-1', 'one')
    await secrets.set('acc-2', 'two')
    await secrets.delete('acc-1')
    expect(await secrets.get('acc-1')).toBeNull()
    expect(await secrets.get('acc-2')).toBe('two')
  })

  it('refuses to store a secret when the OS cannot encrypt', async () => {
    storage.available = false
    await expect(new SafeStorageSecrets(file, storage).set('acc-1', 'x')).rejects.toMatchObject({
      code: 'storage_failed',
    })
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('answers null for ciphertext it cannot decrypt (another user, a lost keychain)', async () => {
    await writeFile(file, JSON.stringify({ version: 1, secrets: { 'acc-1': 'Zm9vYmFy' } }), {
      mode: 0o600,
    })
    expect(await new SafeStorageSecrets(file, storage).get('acc-1')).toBeNull()
  })

  it('encrypts again under a rotated key', async () => {
    const secrets = new SafeStorageSecrets(file, storage)
    await secrets.set('acc-1', 'rotate-me')
    const before = JSON.parse(await readFile(file, 'utf8')).secrets['acc-1']
    storage.rotated = true
    expect(await secrets.get('acc-1')).toBe('rotate-me')
    const after = JSON.parse(await readFile(file, 'utf8')).secrets['acc-1']
    expect(after).not.toBe(before)
    expect(Buffer.from(after, 'base64').subarray(0, 3).toString()).toBe('v2:')
  })
})
