import { readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { settingsSchema } from '../../shared/bridge/schemas'
import type { Settings, SettingsPatch, SettingsSnapshot } from '../../shared/bridge/schemas'
import { BridgeFailure } from '../../shared/bridge/result'

type Recovery = NonNullable<SettingsSnapshot['recovery']>

/**
 * Settings in one JSON file in the user-data folder. Writes are atomic (temp file, fsync,
 * rename) so a crash mid-write leaves the old file or the new one, never half of each.
 * A damaged file is moved aside, reported once in the snapshot, and replaced by defaults:
 * the app always starts.
 */
export class SettingsStore {
  #values: Settings | null = null
  #recovery: Recovery | null = null
  #loading: Promise<Settings> | null = null
  #updates: Promise<unknown> = Promise.resolve()

  constructor(readonly filePath: string) {}

  async snapshot(): Promise<SettingsSnapshot> {
    // One read of the file however many callers ask before it answers (a damaged file must be
    // moved aside once).
    this.#loading ??= this.#load().finally(() => (this.#loading = null))
    const values = this.#values ?? (await this.#loading)
    return { values, recovery: this.#recovery }
  }

  update(patch: SettingsPatch): Promise<SettingsSnapshot> {
    // Each update reads, merges and writes after the previous one has landed: two quick updates
    // land in order, and neither loses the other's change.
    const run = this.#updates.then(async () => {
      const current = (await this.snapshot()).values
      const next = settingsSchema.parse({ ...current, ...patch })
      await this.#write(next)
      this.#values = next
      return { values: next, recovery: this.#recovery }
    })
    this.#updates = run.catch(() => {})
    return run
  }

  async #load(): Promise<Settings> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT') {
        throw new BridgeFailure(
          'storage_failed',
          `Settings could not be read (${code ?? 'unknown'}).`,
        )
      }
      return (this.#values = settingsSchema.parse({}))
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return this.#recover('unreadable_json')
    }
    const parsed = settingsSchema.safeParse(json)
    if (!parsed.success) return this.#recover('invalid_values')
    return (this.#values = parsed.data)
  }

  async #recover(reason: Recovery['reason']): Promise<Settings> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const { dir, name } = path.parse(this.filePath)
    const backupFile = path.join(dir, `${name}.damaged-${stamp}.json`)
    await rename(this.filePath, backupFile)
    console.warn(`Settings file was damaged (${reason}); kept as ${backupFile}, using defaults.`)
    const defaults = settingsSchema.parse({})
    await this.#write(defaults)
    this.#recovery = { backupFile, reason }
    return (this.#values = defaults)
  }

  async #write(values: Settings): Promise<void> {
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(values, null, 2)}\n`, {
        mode: 0o600,
        fsync: true,
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
      throw new BridgeFailure('storage_failed', `Settings could not be saved (${code}).`)
    }
  }
}
