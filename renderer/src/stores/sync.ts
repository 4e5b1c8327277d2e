import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import { desk } from '@/bridge'
import { openInnboxDb } from '@/db'
import type { InnboxDb, StoreError } from '@/db'
import { createSyncEngine, portFromDesk } from '@/sync'
import type { SyncEngine, SyncStatus } from '@/sync'

/**
 * The offline store and the sync engine of this window: opened once at start, then the
 * engine pulls and drains on its schedule. Other stores read the store through `db` with live
 * queries and write through the db repositories, then call `flushOutbox()`.
 */
export const useSyncStore = defineStore('sync', () => {
  const db = shallowRef<InnboxDb | null>(null)
  const storeError = shallowRef<StoreError | null>(null)
  const status = ref<SyncStatus | null>(null)
  let engine: SyncEngine | null = null

  async function start(): Promise<void> {
    if (engine) return
    const opened = await openInnboxDb()
    if (!opened.ok) {
      storeError.value = markRaw(opened.error)
      return
    }
    db.value = markRaw(opened.db)
    storeError.value = null
    const platform = await desk.platform.status()
    const mode = platform.ok ? platform.value.account?.syncMode : undefined
    engine = createSyncEngine({
      db: opened.db,
      port: portFromDesk(desk),
      ...(mode ? { config: { mode } } : {}),
    })
    engine.subscribe((next) => (status.value = next))
    await engine.start()
  }

  async function stop(): Promise<void> {
    await engine?.stop()
    engine = null
  }

  /** The "Sync now" button. */
  function syncNow(): Promise<void> {
    return engine?.syncNow() ?? Promise.resolve()
  }

  /** After a write to the outbox: send it now rather than at the next interval. */
  function flushOutbox(): Promise<void> {
    return engine?.flushOutbox() ?? Promise.resolve()
  }

  return { db, storeError, status, start, stop, syncNow, flushOutbox }
})
