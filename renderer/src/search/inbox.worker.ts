import { InnboxDb } from '@/db'
import type { FromReadModel, ToReadModel } from './protocol'
import { createQueryHost } from './query-host'

// The inbox worker: its own connection to the offline store (read only), the list's read
// model and the search index, off the page's thread (CSP: worker-src 'self').

interface WorkerScope {
  postMessage(message: FromReadModel): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToReadModel>) => void): void
}

const scope = self as unknown as WorkerScope
let host: ReturnType<typeof createQueryHost> | null = null

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'open') {
    host ??= createQueryHost(new InnboxDb(data.dbName), (message) => scope.postMessage(message))
    return
  }
  host?.receive(data)
})
