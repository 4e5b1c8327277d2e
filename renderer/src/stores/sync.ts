import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import { desk } from '@/bridge'
import { openInnboxDb } from '@/db'
import type { InnboxDb, StoreError, StoreIdentity } from '@/db'
import { createSyncEngine, portFromDesk } from '@/sync'
import type { SyncEngine, SyncStatus } from '@/sync'
import { checkStore, keepOutboxMirrored, mirrorPortFromDesk } from '@/sync/outbox-mirror'

/**
 * The offline store and the sync engine of this window: opened once at start, then the
 * engine pulls and drains on its schedule. Other stores read the store through `db` with live
 * queries and write through the db repositories, then call `flushOutbox()`.
 */
export const useSyncStore = defineStore('sync', () => {
  const db = shallowRef<InnboxDb | null>(null)
  const storeError = shallowRef<StoreError | null>(null)
  const status = ref<SyncStatus | null>(null)
  /** What the start found about the store: `lost` when it had been deleted meanwhile. */
  const identity = shallowRef<StoreIdentity | null>(null)
  let engine: SyncEngine | null = null
  let stopMirror: (() => void) | null = null

  async function start(): Promise<void> {
    if (engine) return
    const opened = await openInnboxDb()
    if (!opened.ok) {
      storeError.value = markRaw(opened.error)
      return
    }
    // Before anything syncs: a store deleted while the app was closed gets its unsent replies
    // back from the desk's folder. Without the host's answer there is no check this time.
    const mirror = mirrorPortFromDesk(desk)
    try {
      identity.value = await checkStore(opened.db, mirror, Date.now())
      stopMirror = keepOutboxMirrored(opened.db, identity.value.storeId, mirror)
    } catch {
      identity.value = null
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
    stopMirror?.()
    stopMirror = null
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

  /** The notice about a deleted store was read. */
  function dismissStoreLoss(): void {
    if (identity.value) identity.value = { ...identity.value, lost: false }
  }

  return { db, storeError, identity, status, start, stop, syncNow, flushOutbox, dismissStoreLoss }
})
