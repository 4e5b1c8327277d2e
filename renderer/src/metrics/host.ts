import type { InnboxDb, StoreError } from '@/db'
import type { FromMetrics, ToMetrics } from './protocol'
import { MetricsModel } from './model'

// The metrics model behind a message port: it answers with the metrics at the page's latest
// `now`, and again whenever the store changes.

export function createMetricsHost(db: InnboxDb, post: (message: FromMetrics) => void) {
  let now: number | null = null
  const cache = new Map<string, unknown>()

  function run(): void {
    if (now === null || !model.loaded) return
    post({ type: 'result', result: model.compute(now, cache) })
  }

  const model = new MetricsModel(db, run, (error) => {
    const failure = error as StoreError
    post({ type: 'failed', code: failure.code ?? 'storage_failed', message: failure.message })
  })
  model.start()

  return {
    receive(message: ToMetrics): void {
      if (message.type === 'now') {
        now = message.now
        run()
      }
    },
    stop(): void {
      model.stop()
    },
  }
}
