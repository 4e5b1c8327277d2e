import { readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { z } from 'zod'
import {
  accountIdSchema,
  accountLabelSchema,
  baseUrlSchema,
  clientIdSchema,
  SANDBOX_ACCOUNT_ID,
  syncModeSchema,
} from '../../../shared/bridge/account-schemas'
import { BridgeFailure } from '../../../shared/bridge/result'

/** An added platform account as stored: no secret (that lives in the host's SecretStore). */
export const storedAccountSchema = z.object({
  id: accountIdSchema,
  label: accountLabelSchema,
  baseUrl: baseUrlSchema,
  clientId: clientIdSchema,
  syncMode: syncModeSchema,
  createdAt: z.string(),
})
export type StoredAccount = z.infer<typeof storedAccountSchema>

const accountsFileSchema = z.object({
  version: z.literal(1),
  /** The built-in sandbox when no added account is active. */
  activeId: accountIdSchema,
  accounts: z.array(storedAccountSchema),
})
export type AccountsFile = z.infer<typeof accountsFileSchema>

const empty = (): AccountsFile => ({ version: 1, activeId: SANDBOX_ACCOUNT_ID, accounts: [] })

/**
 * Account metadata in `accounts.json` in the user-data folder: written atomically (temp
 * file, fsync, rename), readable by the user only. A damaged file is kept aside and the
 * desk falls back to the built-in platform, so it always starts.
 */
export class AccountStore {
  #data: AccountsFile | null = null
  #writes: Promise<unknown> = Promise.resolve()

  constructor(readonly filePath: string) {}

  async read(): Promise<AccountsFile> {
    return (this.#data ??= await this.#load())
  }

  /** Applies a change to the file's content and saves it; changes are queued in order. */
  async change(apply: (current: AccountsFile) => AccountsFile): Promise<AccountsFile> {
    const write = this.#writes.then(async () => {
      const next = accountsFileSchema.parse(apply(await this.read()))
      await this.#write(next)
      this.#data = next
      return next
    })
    this.#writes = write.catch(() => {})
    return write
  }

  async #load(): Promise<AccountsFile> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return empty()
      throw new BridgeFailure(
        'storage_failed',
        `Accounts could not be read (${code ?? 'unknown'}).`,
      )
    }
    let parsed: z.ZodSafeParseResult<AccountsFile>
    try {
      parsed = accountsFileSchema.safeParse(JSON.parse(text))
    } catch {
      return this.#setAside()
    }
    if (!parsed.success) return this.#setAside()
    const data = parsed.data
    // An active id that no longer exists falls back to the built-in platform.
    const known = data.accounts.some((account) => account.id === data.activeId)
    return known ? data : { ...data, activeId: SANDBOX_ACCOUNT_ID }
  }

  async #setAside(): Promise<AccountsFile> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const { dir, name } = path.parse(this.filePath)
    const backup = path.join(dir, `${name}.damaged-${stamp}.json`)
    await rename(this.filePath, backup).catch(() => {})
    console.warn(`Accounts file was damaged; kept as ${backup}, using the built-in platform.`)
    return empty()
  }

  async #write(data: AccountsFile): Promise<void> {
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(data, null, 2)}\n`, {
        mode: 0o600,
        fsync: true,
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
      throw new BridgeFailure('storage_failed', `Accounts could not be saved (${code}).`)
    }
  }
}
