import { StoreError, type InnboxDb } from '@/db'
import type { MetricsResult } from './compute'
import { createMetricsHost } from './host'
import type { FromMetrics, ToMetrics } from './protocol'

// The page's side of the metrics worker. Where there is no Worker (unit tests) the same host
// runs on the page's thread behind the same interface.

export interface MetricsClient {
  /** The instant to compute at: send it on a timer so 24-hour marks and days pass. */
  setNow(now: number): void
  onResult(listener: (result: MetricsResult) => void): () => void
  onFailure(listener: (error: StoreError) => void): () => void
  dispose(): void
}

interface Port {
  post(message: ToMetrics): void
  close(): void
}

export function createMetricsClient(
  db: InnboxDb,
  { inWorker = typeof Worker !== 'undefined' }: { inWorker?: boolean } = {},
): MetricsClient {
  const results = new Set<(result: MetricsResult) => void>()
  const failures = new Set<(error: StoreError) => void>()
  let disposed = false

  function receive(message: FromMetrics): void {
    if (disposed) return
    if (message.type === 'result') for (const listener of results) listener(message.result)
    else {
      const error = new StoreError(message.code, message.message)
      for (const listener of failures) listener(error)
    }
  }

  const port = inWorker ? workerPort(db.name, receive) : inPagePort(db, receive)
  return {
    setNow: (now) => port.post({ type: 'now', now, sentAt: Date.now() }),
    onResult(listener) {
      results.add(listener)
      return () => results.delete(listener)
    },
    onFailure(listener) {
      failures.add(listener)
      return () => failures.delete(listener)
    },
    dispose() {
      disposed = true
      port.close()
    },
  }
}

function workerPort(dbName: string, receive: (message: FromMetrics) => void): Port {
  const worker = new Worker(new URL('./metrics.worker.ts', import.meta.url), {
    type: 'module',
    name: 'innbox-metrics',
  })
  worker.addEventListener('message', (event: MessageEvent<FromMetrics>) => receive(event.data))
  worker.addEventListener('error', (event) =>
    receive({ type: 'failed', code: 'storage_failed', message: event.message }),
  )
  worker.postMessage({ type: 'open', dbName } satisfies ToMetrics)
  return { post: (message) => worker.postMessage(message), close: () => worker.terminate() }
}

function inPagePort(db: InnboxDb, receive: (message: FromMetrics) => void): Port {
  const host = createMetricsHost(db, (message) => queueMicrotask(() => receive(message)))
  return { post: (message) => host.receive(message), close: () => host.stop() }
}
