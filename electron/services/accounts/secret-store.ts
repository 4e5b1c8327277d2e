/**
 * Where a host keeps machine-account secrets: never in settings or accounts JSON, never in a
 * log, never in an answer to the renderer. The Electron app encrypts them with the OS
 * keychain (electron/main/safe-storage-secrets.ts); the web host keeps them in a file only
 * its user can read (file-secrets.ts).
 */
export interface SecretStore {
  /** For the log and diagnostics: which implementation holds the secrets. */
  readonly kind: 'safe-storage' | 'file' | 'memory'
  get(accountId: string): Promise<string | null>
  set(accountId: string, secret: string): Promise<void>
  delete(accountId: string): Promise<void>
}

/** Secrets for this process's lifetime only: tests, and hosts told not to persist them. */
export class MemorySecrets implements SecretStore {
  readonly kind = 'memory'
  readonly #secrets = new Map<string, string>()

  async get(accountId: string): Promise<string | null> {
    return this.#secrets.get(accountId) ?? null
  }

  async set(accountId: string, secret: string): Promise<void> {
    this.#secrets.set(accountId, secret)
  }

  async delete(accountId: string): Promise<void> {
    this.#secrets.delete(accountId)
  }
}
