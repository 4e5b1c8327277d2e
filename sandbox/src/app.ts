import type { AddressInfo } from 'node:net'
import { messagingRoutes } from './api/routes'
import { applySeed, defaultAccount, type SeedName } from './bootstrap'
import { SandboxClock } from './clock'
import { controlRoutes } from './control/routes'
import { createSandboxServer } from './http/server'
import type { SandboxRuntime } from './runtime'
import { startGuestSimulator } from './simulator'
import { RequestLog } from './request-log'
import { Store } from './store/store'

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Loopback only: the sandbox is never reachable from another machine. */
  host?: '127.0.0.1'
  /** Where the data lives; created if missing. */
  dataDir: string
  /** Fills an empty data folder only; a folder with data keeps it. Default `empty`. */
  seed?: SeedName
  /** Serve the control API under /sandbox/ (tests, demos). */
  control?: boolean
  /** Add a guest message every so many seconds; off when absent or 0. */
  simulateGuestsSeconds?: number
  /** Sets the sandbox clock at start (ISO instant, epoch ms or Date); otherwise the stored clock is kept. */
  now?: string | number | Date
  /** Share of queue confirmations followed by one redelivery. Default 0.05. */
  redeliveryRate?: number
  /** How long a search job stays pending, in sandbox ms. Default 1000. */
  searchReadyMs?: number
  /** Conversations per page of the conversation list. Default 100. */
  pageSize?: number
}

export interface RunningSandbox {
  /** The root, e.g. `http://127.0.0.1:41234`; the Messaging API is under `/messaging`. */
  url: string
  /** The default machine account (manages every property); kept across resets. */
  account: { clientId: string; clientSecret: string }
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const startAt = options.now === undefined ? undefined : new Date(options.now).getTime()
  if (startAt !== undefined && Number.isNaN(startAt))
    throw new Error('sandbox: `now` is not an instant')
  const store = await Store.open(options.dataDir)
  const clock = new SandboxClock(store.state.clockOffsetMs)
  const fresh = store.isEmpty
  if (startAt !== undefined) {
    clock.setNow(startAt)
    await store.commit([{ type: 'clock_set', offset_ms: clock.offset }])
  }
  if (fresh || !defaultAccount(store)) {
    await applySeed(store, clock, fresh ? (options.seed ?? 'empty') : 'empty', false)
  }
  const runtime: SandboxRuntime = {
    store,
    clock,
    faults: {},
    requests: new RequestLog(),
    options: {
      redeliveryRate: options.redeliveryRate ?? 0.05,
      searchReadyMs: options.searchReadyMs ?? 1000,
      pageSize: options.pageSize ?? 100,
    },
  }
  const server = createSandboxServer({
    runtime,
    api: messagingRoutes(),
    control: options.control ? controlRoutes() : null,
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  }).catch(async (error: unknown) => {
    // A taken port must not leave the data folder's files open.
    await store.close()
    throw error
  })
  const stopSimulator = options.simulateGuestsSeconds
    ? startGuestSimulator(runtime, options.simulateGuestsSeconds)
    : () => undefined
  const { port } = server.address() as AddressInfo
  const account = defaultAccount(store)
  if (!account) throw new Error('sandbox: no default account after seeding')
  return {
    url: `http://${host}:${port}`,
    account: { clientId: account.client_id, clientSecret: account.client_secret },
    async close() {
      stopSimulator()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await store.close()
    },
  }
}
