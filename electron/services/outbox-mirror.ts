import { readFile } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import { BridgeFailure } from '../../shared/bridge/result'
import { outboxMirrorSchema, type OutboxMirror } from '../../shared/bridge/schemas'

/**
 * The page's store identity and its unsent replies, kept in the desk's folder
 * (`outbox-mirror.json`). IndexedDB can be deleted while the app is closed (browser data
 * cleared, profile reset); this copy lets the page notice it and restore the replies.
 */
export class OutboxMirrorStore {
  constructor(private readonly filePath: string) {}

  /** The last saved mirror; null when there is none or it cannot be read as one. */
  async read(): Promise<OutboxMirror | null> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new BridgeFailure('storage_failed', 'The unsent replies could not be read.')
    }
    try {
      const parsed = outboxMirrorSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  async write(mirror: OutboxMirror): Promise<void> {
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(mirror)}\n`, {
        mode: 0o600,
        fsync: true,
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
      throw new BridgeFailure('storage_failed', `The unsent replies could not be saved (${code}).`)
    }
  }
}

/** `outbox:readMirror` and `outbox:saveMirror`. Arguments arrive validated by the contract. */
export function createOutboxMirrorHandlers(store: OutboxMirrorStore) {
  // Saves run one after another, so an older mirror never overwrites a newer one.
  let saves: Promise<unknown> = Promise.resolve()
  return {
    'outbox:readMirror': async (): Promise<OutboxMirror | null> => {
      await saves.catch(() => {})
      return store.read()
    },
    'outbox:saveMirror': async (mirror: OutboxMirror): Promise<null> => {
      const save = saves.catch(() => {}).then(() => store.write(mirror))
      saves = save
      await save
      return null
    },
  }
}
