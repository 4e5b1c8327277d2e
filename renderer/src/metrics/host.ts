import type { InnboxDb, StoreError } from '@/db'
import type { FromMetrics, ToMetrics } from './protocol'
import { MetricsModel } from './model'

// The metrics model behind a message port: it answers at the page's time, and again whenever
// the store changes. Time keeps running between the page's ticks: a reply written a second ago
// must count at once, not after the next tick.

export function createMetricsHost(
  db: InnboxDb,
  post: (message: FromMetrics) => void,
  clock: () => number = Date.now,
) {
  /** The instant asked for minus the page's clock (none in practice; a test may set any). */
  let offset: number | null = null
  const cache = new Map<string, unknown>()

  function run(): void {
    if (offset === null || !model.loaded) return
    post({ type: 'result', result: model.compute(clock() + offset, cache) })
  }

  const model = new MetricsModel(db, run, (error) => {
    const failure = error as StoreError
    post({ type: 'failed', code: failure.code ?? 'storage_failed', message: failure.message })
  })
  model.start()

  return {
    receive(message: ToMetrics): void {
      if (message.type === 'now') {
        offset = message.now - message.sentAt
        run()
      }
    },
    stop(): void {
      model.stop()
    },
  }
}
