import { InnboxDb } from '@/db'
import type { FromReadModel, ToReadModel } from './protocol'
import { createQueryHost } from './query-host'

// The inbox worker: its own connection to the offline store (read only), the list's read
// model and the search index, off the page's thread (CSP: worker-src 'self').

interface WorkerScope {
  postMessage(message: FromReadModel, transfer: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToReadModel>) => void): void
}

const scope = self as unknown as WorkerScope
let host: ReturnType<typeof createQueryHost> | null = null

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'open') {
    host ??= createQueryHost(new InnboxDb(data.dbName), (message) =>
      // An answer's order is handed over, not copied (search/query-host.ts sends a copy).
      scope.postMessage(message, message.type === 'result' ? [message.result.order.buffer] : []),
    )
    return
  }
  host?.receive(data)
})
