import { chmod, readFile, stat } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { BridgeFailure } from '../../../shared/bridge/result'

const secretFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
})

/**
 * A small JSON map `accountId → value` in a file only the user can read (0600), written
 * atomically and one change at a time. Both secret stores keep their values here: the
 * Electron one stores ciphertext, the web host's one the secret itself.
 */
export class SecretFile {
  #writes: Promise<unknown> = Promise.resolve()

  constructor(readonly filePath: string) {}

  async read(): Promise<Record<string, string>> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return {}
      throw new BridgeFailure('storage_failed', `Secrets could not be read (${code ?? 'unknown'}).`)
    }
    await this.#tightenMode()
    try {
      const parsed = secretFileSchema.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data.secrets
    } catch {
      // Falls through: an unreadable file holds no usable secret.
    }
    console.warn('The secrets file is damaged; accounts will ask for their secret again.')
    return {}
  }

  /** Applies a change to the map and saves it. */
  update(apply: (secrets: Record<string, string>) => void): Promise<void> {
    const write = this.#writes.then(async () => {
      const secrets = { ...(await this.read()) }
      apply(secrets)
      const text = `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`
      try {
        await writeFileAtomic(this.filePath, text, { mode: 0o600, fsync: true })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
        throw new BridgeFailure('storage_failed', `Secrets could not be saved (${code}).`)
      }
    })
    this.#writes = write.catch(() => {})
    return write
  }

  /** A file someone made readable by others is made private again before it is used. */
  async #tightenMode(): Promise<void> {
    if (process.platform === 'win32') return
    const { mode } = await stat(this.filePath)
    if ((mode & 0o077) !== 0) await chmod(this.filePath, 0o600)
  }
}
