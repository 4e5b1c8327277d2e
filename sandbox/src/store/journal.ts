import type { FileHandle } from 'node:fs/promises'
import { open, readdir, readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { SandboxEvent } from './events'
import { removeIfPresent, syncFolder } from './files'

/** One line of the journal: every event of one commit, so a commit is replayed whole or not at all. */
export interface Commit {
  seq: number
  events: SandboxEvent[]
}

interface NextFile {
  handle: FileHandle
  path: string
  generation: number
}

const FILE_PATTERN = /^journal-(\d{8})\.jsonl$/

/**
 * The append-only journal: JSON lines in numbered files. Appends are group-committed: every
 * write waiting while a flush runs goes to disk in the next single write + fsync, and each
 * caller's promise resolves only once its line is on disk.
 */
export class Journal {
  private buffer: string[] = []
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = []
  private flushing: Promise<void> | null = null
  /** Files a snapshot will make unnecessary: earlier generations, deleted once one is written. */
  private retired: { handle: FileHandle | null; path: string }[] = []
  /** Bytes of journal not yet folded into a snapshot, in every live file. */
  bytes = 0

  private constructor(
    private readonly folder: string,
    private handle: FileHandle,
    private path: string,
    private generation: number,
  ) {}

  /** Reads every commit after the journal files' torn tails, then opens a fresh file for appends. */
  static async open(folder: string): Promise<{ journal: Journal; commits: Commit[] }> {
    const names = (await readdir(folder)).filter((name) => FILE_PATTERN.test(name)).sort()
    const commits: Commit[] = []
    const earlier: string[] = []
    let bytes = 0
    let generation = 0
    let damaged = false
    for (const name of names) {
      generation = Math.max(generation, Number(FILE_PATTERN.exec(name)?.[1]))
      const path = join(folder, name)
      if (damaged) {
        await removeIfPresent(path)
        continue
      }
      const text = await readFile(path, 'utf8')
      if (text.length === 0) {
        // Left by a start without writes: nothing to keep.
        await removeIfPresent(path)
        continue
      }
      const { good, validLength } = parseLines(text)
      for (const commit of good) commits.push(commit)
      earlier.push(path)
      bytes += validLength
      if (validLength < Buffer.byteLength(text)) {
        // A crash mid-write leaves a torn last line: that commit was never acknowledged.
        await truncate(path, validLength)
        damaged = true
      }
    }
    const path = join(folder, fileName(generation + 1))
    const handle = await open(path, 'a')
    await syncFolder(folder)
    const journal = new Journal(folder, handle, path, generation + 1)
    journal.retired = earlier.map((file) => ({ handle: null, path: file }))
    journal.bytes = bytes
    return { journal, commits }
  }

  append(commit: Commit): Promise<void> {
    const line = `${JSON.stringify({ s: commit.seq, e: commit.events })}\n`
    this.buffer.push(line)
    this.bytes += line.length
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject })
      this.flushing ??= this.flush()
    })
  }

  private async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      const data = this.buffer.join('')
      const waiters = this.waiters
      this.buffer = []
      this.waiters = []
      try {
        await this.handle.write(data)
        await this.handle.datasync()
        waiters.forEach((waiter) => waiter.resolve())
      } catch (error) {
        waiters.forEach((waiter) => waiter.reject(error))
      }
    }
    this.flushing = null
  }

  /** Opens the next journal file; `switchTo` makes it current (split so the switch can share a tick with a snapshot). */
  async openNext(): Promise<NextFile> {
    const generation = this.generation + 1
    const path = join(this.folder, fileName(generation))
    return { handle: await open(path, 'a'), path, generation }
  }

  /** Later appends go to `next`; the current file is retired, deleted by `dropRetired` once a snapshot covers it. */
  switchTo(next: NextFile): void {
    this.retired.push({ handle: this.handle, path: this.path })
    this.handle = next.handle
    this.path = next.path
    this.generation = next.generation
    this.bytes = 0
  }

  /** Resolves when nothing is being written to a retired file any more. */
  async settle(): Promise<void> {
    await this.flushing
  }

  async dropRetired(): Promise<void> {
    const retired = this.retired
    this.retired = []
    for (const file of retired) {
      await file.handle?.close()
      await removeIfPresent(file.path)
    }
  }

  /** Retired files stay on disk: only a snapshot that covers them may delete them. */
  async close(): Promise<void> {
    await this.flushing
    for (const file of this.retired) await file.handle?.close()
    await this.handle.close()
  }
}

function fileName(generation: number): string {
  return `journal-${String(generation).padStart(8, '0')}.jsonl`
}

function parseLines(text: string): { good: Commit[]; validLength: number } {
  const good: Commit[] = []
  let offset = 0
  let validLength = 0
  while (offset < text.length) {
    const end = text.indexOf('\n', offset)
    if (end < 0) break
    const line = text.slice(offset, end)
    offset = end + 1
    try {
      const parsed = JSON.parse(line) as { s: number; e: SandboxEvent[] }
      if (typeof parsed.s !== 'number' || !Array.isArray(parsed.e)) break
      good.push({ seq: parsed.s, events: parsed.e })
    } catch {
      break
    }
    validLength += Buffer.byteLength(line) + 1
  }
  return { good, validLength }
}
