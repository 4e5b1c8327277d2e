import { InnboxDb } from '@/db'
import { createMetricsHost } from './host'
import type { FromMetrics, ToMetrics } from './protocol'

// The metrics worker: its own read-only connection to the offline store, computing the reply
// score, its trend and forecast off the page's thread (CSP: worker-src 'self').

interface WorkerScope {
  postMessage(message: FromMetrics): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToMetrics>) => void): void
}

const scope = self as unknown as WorkerScope
let host: ReturnType<typeof createMetricsHost> | null = null

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'open') {
    host ??= createMetricsHost(new InnboxDb(data.dbName), (message) => scope.postMessage(message))
    return
  }
  host?.receive(data)
})
