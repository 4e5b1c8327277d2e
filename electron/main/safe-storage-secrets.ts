import type { SafeStorage } from 'electron'
import { BridgeFailure } from '../../shared/bridge/result'
import { SecretFile } from '../services/accounts/secret-file'
import type { SecretStore } from '../services/accounts/secret-store'

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
>

/**
 * The Electron app's secret store: each secret encrypted with Electron's `safeStorage` (the
 * macOS Keychain, Windows DPAPI, the Linux secret service), the ciphertext as base64 in a
 * 0600 file. Where no OS store exists (Linux without a keyring) Electron falls back to a
 * fixed key, which is no worse than the web host's private file; the file mode still holds.
 */
export class SafeStorageSecrets implements SecretStore {
  readonly kind = 'safe-storage'
  readonly #file: SecretFile

  constructor(
    filePath: string,
    private readonly storage: SafeStorageApi,
  ) {
    this.#file = new SecretFile(filePath)
  }

  async get(accountId: string): Promise<string | null> {
    const stored = (await this.#file.read())[accountId]
    if (stored === undefined) return null
    await this.#requireEncryption()
    try {
      const { result, shouldReEncrypt } = await this.storage.decryptStringAsync(
        Buffer.from(stored, 'base64'),
      )
      // The OS rotated its key: store the secret again under the new one.
      if (shouldReEncrypt) await this.set(accountId, result)
      return result
    } catch {
      // Encrypted under another OS user or a lost keychain: unusable, ask for it again.
      return null
    }
  }

  async set(accountId: string, secret: string): Promise<void> {
    await this.#requireEncryption()
    const cipher = (await this.storage.encryptStringAsync(secret)).toString('base64')
    await this.#file.update((secrets) => {
      secrets[accountId] = cipher
    })
  }

  delete(accountId: string): Promise<void> {
    return this.#file.update((secrets) => {
      delete secrets[accountId]
    })
  }

  async #requireEncryption(): Promise<void> {
    if (!(await this.storage.isAsyncEncryptionAvailable())) {
      throw new BridgeFailure('storage_failed', 'The operating system cannot encrypt secrets now.')
    }
  }
}
