import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { applyEvent } from './apply'
import type { SandboxEvent } from './events'
import { removeIfPresent, writeFileDurably } from './files'
import { Journal } from './journal'
import { restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot'
import { SandboxState } from './state'

const SNAPSHOT = 'snapshot.json'
const BLOBS = 'blobs'
/** Compact once the journal outgrows both this and the last snapshot: amortised linear cost for bulk loads. */
const DEFAULT_COMPACTION_BYTES = 16 * 1024 * 1024
const BLOB_GRACE_MS = 10 * 60 * 1000

/**
 * Durable storage: an in-memory state, a journal every change is appended to (and fsynced
 * before the change is acknowledged), and a snapshot the journal is folded into now and then.
 * Attachment bytes live beside it as content-addressed blob files.
 */
export class Store {
  private seq: number
  private snapshotBytes = 0
  private compactionBytes = DEFAULT_COMPACTION_BYTES
  private compacting: Promise<void> | null = null
  /** Blobs written recently, whose attachment record may not be committed yet: never collected. */
  private readonly recentBlobs = new Map<string, number>()

  private constructor(
    private readonly folder: string,
    readonly state: SandboxState,
    private readonly journal: Journal,
    seq: number,
  ) {
    this.seq = seq
  }

  static async open(folder: string, options: { compactionBytes?: number } = {}): Promise<Store> {
    await mkdir(join(folder, BLOBS), { recursive: true })
    const { snapshot, snapshotSize } = await readSnapshot(folder)
    const state = snapshot ? restoreSnapshot(snapshot) : new SandboxState()
    let seq = snapshot?.seq ?? 0
    const { journal, commits } = await Journal.open(folder)
    for (const commit of commits) {
      if (commit.seq <= seq) continue
      commit.events.forEach((event) => applyEvent(state, event))
      seq = commit.seq
    }
    const store = new Store(folder, state, journal, seq)
    store.snapshotBytes = snapshotSize
    store.compactionBytes = options.compactionBytes ?? DEFAULT_COMPACTION_BYTES
    // Start fast: fold the journal in only when it has grown past the compaction threshold.
    if (store.compactionDue()) await store.compact()
    return store
  }

  /** True for a data folder that has never held anything. */
  get isEmpty(): boolean {
    return this.seq === 0
  }

  /**
   * Applies the events at once (so later requests see them) and resolves when they are on
   * disk: callers acknowledge a write only after awaiting this.
   */
  commit(events: SandboxEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve()
    this.seq += 1
    events.forEach((event) => applyEvent(this.state, event))
    const written = this.journal.append({ seq: this.seq, events })
    if (this.compactionDue()) {
      void this.compact().catch((error: unknown) =>
        console.error('sandbox: compaction failed', error),
      )
    }
    return written
  }

  private compactionDue(): boolean {
    return (
      this.compacting === null &&
      this.journal.bytes > Math.max(this.compactionBytes, this.snapshotBytes)
    )
  }

  /** Folds the journal into a new snapshot. Safe at any moment: a crash leaves the old snapshot and every journal file. */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null
    })
    return this.compacting
  }

  private async runCompaction(): Promise<void> {
    const next = await this.journal.openNext()
    // Snapshot and switch in one synchronous step: the snapshot is exactly the state after
    // commit `seq`, and every later commit lands in the new file, which outlives the old ones.
    const text = JSON.stringify(takeSnapshot(this.state, this.seq))
    this.journal.switchTo(next)
    await this.journal.settle()
    await writeFileDurably(join(this.folder, SNAPSHOT), text)
    this.snapshotBytes = text.length
    await this.journal.dropRetired()
    await this.collectBlobs()
  }

  async putBlob(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const path = join(this.folder, BLOBS, sha256)
    const present = await stat(path).then(
      () => true,
      () => false,
    )
    this.recentBlobs.set(sha256, Date.now())
    if (!present) await writeFileDurably(path, bytes)
    return sha256
  }

  readBlob(sha256: string): Promise<Buffer> {
    return readFile(join(this.folder, BLOBS, sha256))
  }

  /** Deletes blobs no attachment refers to any more (after a reset). */
  private async collectBlobs(): Promise<void> {
    const used = new Set([...this.state.attachments.values()].map((a) => a.sha256))
    for (const [sha256, writtenAt] of this.recentBlobs) {
      if (Date.now() - writtenAt < BLOB_GRACE_MS) used.add(sha256)
      else this.recentBlobs.delete(sha256)
    }
    for (const name of await readdir(join(this.folder, BLOBS))) {
      if (!used.has(name) && /^[0-9a-f]{64}$/.test(name)) {
        await removeIfPresent(join(this.folder, BLOBS, name))
      }
    }
  }

  async close(): Promise<void> {
    await this.compacting
    await this.journal.close()
  }
}

async function readSnapshot(
  folder: string,
): Promise<{ snapshot: Snapshot | null; snapshotSize: number }> {
  try {
    const text = await readFile(join(folder, SNAPSHOT), 'utf8')
    return { snapshot: JSON.parse(text) as Snapshot, snapshotSize: text.length }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { snapshot: null, snapshotSize: 0 }
    throw error
  }
}
