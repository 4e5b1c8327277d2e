import { readFile } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import { BridgeFailure } from '../../../shared/bridge/result'

/**
 * Which translation service the desk uses, in `translation.json` in the user-data folder:
 * the kind and the address only. The API key is never here: it lives in the host's secret
 * store (see service.ts), so this file can be read, backed up or sent with a bug report
 * without giving anything away.
 */

const storedServiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('libretranslate'), baseUrl: z.string().min(1) }),
  z.object({ kind: z.literal('deepl'), baseUrl: z.string().min(1).nullable() }),
])
export type StoredService = z.infer<typeof storedServiceSchema>

const fileSchema = z.object({
  version: z.literal(1),
  service: storedServiceSchema.nullable(),
})

export class TranslationConfigStore {
  #writes: Promise<unknown> = Promise.resolve()

  constructor(readonly filePath: string) {}

  /** The saved service; null when none was chosen, or the file is missing or damaged. */
  async read(): Promise<StoredService | null> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return null
      throw new BridgeFailure(
        'storage_failed',
        `Translation settings could not be read (${code ?? 'unknown'}).`,
      )
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text))
      if (parsed.success) return parsed.data.service
    } catch {
      // Falls through: a damaged file means no service, so no guest text is sent anywhere.
    }
    console.warn('The translation settings file is damaged; translation is off until set again.')
    return null
  }

  /** Saves atomically (temp file, fsync, rename), one write at a time. */
  write(service: StoredService | null): Promise<void> {
    const write = this.#writes.then(async () => {
      const text = `${JSON.stringify({ version: 1, service }, null, 2)}\n`
      try {
        await writeFileAtomic(this.filePath, text, { mode: 0o600, fsync: true })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
        throw new BridgeFailure(
          'storage_failed',
          `Translation settings could not be saved (${code}).`,
        )
      }
    })
    this.#writes = write.catch(() => {})
    return write
  }
}
