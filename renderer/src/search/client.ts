import { StoreError, type InnboxDb } from '@/db'
import type { ListQuery } from './list-model'
import type { FromReadModel, ToReadModel } from './protocol'
import { createQueryHost } from './query-host'
import { InboxReadModel, type ListResult, type ReadModelStats } from './read-model'

// The page's side of the inbox read model. In the app it runs in a worker; where there is no
// Worker (unit tests), the same host runs on the page's thread behind the same interface.

export interface InboxQueryClient {
  /** The latest query wins: answers to older ones are dropped, newer ones follow the store. */
  setQuery(query: ListQuery): void
  onResult(listener: (result: ListResult) => void): () => void
  onFailure(listener: (error: StoreError) => void): () => void
  stats(): Promise<ReadModelStats>
  dispose(): void
}

interface Port {
  post(message: ToReadModel): void
  close(): void
}

export interface InboxQueryClientOptions {
  inWorker?: boolean
  /** In the page only: false builds the index from the store, neither restoring nor saving it. */
  snapshots?: boolean
}

export function createInboxQueryClient(
  db: InnboxDb,
  { inWorker = typeof Worker !== 'undefined', snapshots = true }: InboxQueryClientOptions = {},
): InboxQueryClient {
  const resultListeners = new Set<(result: ListResult) => void>()
  const failureListeners = new Set<(error: StoreError) => void>()
  const pendingStats = new Map<number, (stats: ReadModelStats) => void>()
  let latest = 0
  let statsTicket = 0
  let disposed = false
  /** Conversation ids by the read model's ordinals, as its answers teach them. */
  const names: string[] = []

  function receive(message: FromReadModel): void {
    if (disposed) return
    if (message.type === 'result') {
      // Learnt from every answer, also one dropped here: the next ones do not repeat them.
      if (message.names) {
        names.length = message.names.from
        for (const id of message.names.ids) names.push(id)
      }
      if (message.id !== latest) return
      const { order, ...rest } = message.result
      const ids = new Array<string>(order.length)
      for (let i = 0; i < order.length; i += 1) ids[i] = names[order[i]!]!
      const result: ListResult = { ...rest, ids }
      for (const listener of resultListeners) listener(result)
    } else if (message.type === 'stats') {
      pendingStats.get(message.id)?.(message.stats)
      pendingStats.delete(message.id)
    } else {
      const error = new StoreError(message.code, message.message)
      for (const listener of failureListeners) listener(error)
    }
  }

  const port = inWorker ? workerPort(db.name, receive) : inPagePort(db, receive, snapshots)

  return {
    setQuery(query) {
      latest += 1
      // A plain copy: reactive proxies cannot cross to a worker.
      port.post({ type: 'query', id: latest, query: structuredCloneable(query) })
    },
    onResult(listener) {
      resultListeners.add(listener)
      return () => resultListeners.delete(listener)
    },
    onFailure(listener) {
      failureListeners.add(listener)
      return () => failureListeners.delete(listener)
    },
    stats() {
      const id = ++statsTicket
      return new Promise((resolve) => {
        pendingStats.set(id, resolve)
        port.post({ type: 'stats', id })
      })
    },
    dispose() {
      disposed = true
      port.close()
    },
  }
}

function structuredCloneable(query: ListQuery): ListQuery {
  return { ...query, filters: { ...query.filters } }
}

function workerPort(dbName: string, receive: (message: FromReadModel) => void): Port {
  const worker = new Worker(new URL('./inbox.worker.ts', import.meta.url), {
    type: 'module',
    name: 'innbox-inbox',
  })
  worker.addEventListener('message', (event: MessageEvent<FromReadModel>) => receive(event.data))
  worker.addEventListener('error', (event) =>
    receive({ type: 'failed', code: 'storage_failed', message: event.message }),
  )
  worker.postMessage({ type: 'open', dbName } satisfies ToReadModel)
  return {
    post: (message) => worker.postMessage(message),
    close: () => worker.terminate(),
  }
}

function inPagePort(
  db: InnboxDb,
  receive: (message: FromReadModel) => void,
  snapshots: boolean,
): Port {
  // Answers arrive asynchronously, as they would from a worker.
  const host = createQueryHost(
    db,
    (message) => queueMicrotask(() => receive(message)),
    (...args) => new InboxReadModel(...args, undefined, snapshots ? undefined : null),
  )
  return { post: (message) => host.receive(message), close: () => host.stop() }
}
