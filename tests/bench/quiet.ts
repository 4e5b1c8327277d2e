import { readFile } from 'node:fs/promises'

// Waiting for the machine to go quiet between two measurements. Deleting the bare bulkPut's
// database keeps Chromium's storage busy for seconds after the deletion has answered (0.9 of a
// core for ~5 s after 200,000 messages, in a test on this machine): the app's ingest, measured
// next, ran beside it and paid for the bare run's clean-up.

/** Jiffies spent busy and in total since boot, from the first line of /proc/stat. */
export function cpuJiffies(procStat: string): { busy: number; total: number } {
  const line = procStat.split('\n', 1)[0] ?? ''
  const fields = line.trim().split(/\s+/)
  if (fields[0] !== 'cpu' || fields.length < 5) throw new Error('not a /proc/stat cpu line')
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const values = fields.slice(1, 9).map(Number)
  if (values.some((value) => !Number.isFinite(value))) throw new Error('not a /proc/stat cpu line')
  const total = values.reduce((sum, value) => sum + value, 0)
  const idle = values[3]! + (values[4] ?? 0)
  return { busy: total - idle, total }
}

/** The cores busy between two readings (busy share × cores). */
export function coresBusy(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
  cores: number,
): number {
  const total = after.total - before.total
  return total > 0 ? ((after.busy - before.busy) / total) * cores : 0
}

export interface QuietOptions {
  /** Quiet: fewer cores than this busy over one sample. */
  belowCores: number
  sampleMs: number
  maxWaitMs: number
  cores: number
  /** Where the readings come from; /proc/stat by default. */
  read?: () => Promise<string>
  sleep?: (ms: number) => Promise<void>
}

/**
 * Resolves once the machine is quiet, or after `maxWaitMs`; the time waited (ms) and whether it
 * went quiet. Without /proc/stat (not Linux) it waits `maxWaitMs` and says so.
 */
export async function waitForQuietMachine(
  options: QuietOptions,
): Promise<{ waitedMs: number; quiet: boolean | null }> {
  const read = options.read ?? (() => readFile('/proc/stat', 'utf8'))
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let previous: { busy: number; total: number }
  try {
    previous = cpuJiffies(await read())
  } catch {
    await sleep(options.maxWaitMs)
    return { waitedMs: options.maxWaitMs, quiet: null }
  }
  let waited = 0
  while (waited < options.maxWaitMs) {
    await sleep(options.sampleMs)
    waited += options.sampleMs
    const next = cpuJiffies(await read())
    if (coresBusy(previous, next, options.cores) < options.belowCores) {
      return { waitedMs: waited, quiet: true }
    }
    previous = next
  }
  return { waitedMs: waited, quiet: false }
}
