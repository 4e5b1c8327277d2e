import { SecretFile } from './secret-file'
import type { SecretStore } from './secret-store'

/**
 * The web host's secret store: plain Node has no OS keychain, so the secrets sit in a file
 * only the user can read (0600, in the 0700 user-data folder), like an SSH key or a
 * `.netrc`. Never in accounts.json, never logged.
 */
export class FileSecrets implements SecretStore {
  readonly kind = 'file'
  readonly #file: SecretFile

  constructor(filePath: string) {
    this.#file = new SecretFile(filePath)
  }

  async get(accountId: string): Promise<string | null> {
    return (await this.#file.read())[accountId] ?? null
  }

  set(accountId: string, secret: string): Promise<void> {
    return this.#file.update((secrets) => {
      secrets[accountId] = secret
    })
  }

  delete(accountId: string): Promise<void> {
    return this.#file.update((secrets) => {
      delete secrets[accountId]
    })
  }
}
