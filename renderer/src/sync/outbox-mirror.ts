import { claimStoreIdentity, unsentTextReplies, type InnboxDb, type StoreIdentity } from '@/db'
import { onTablesChanged } from '@/db/table-changes'
import {
  OUTBOX_MIRROR_MAX_REPLIES,
  OUTBOX_MIRROR_MAX_TEXT,
  type OutboxMirror,
} from '@shared/bridge/schemas'

// The copy of the unsent replies the desk's folder keeps (see db/store-identity.ts): read once
// at start to notice a deleted store, then saved again after every change of the outbox.

export interface MirrorPort {
  read(): Promise<OutboxMirror | null>
  save(mirror: OutboxMirror): Promise<void>
}

type Result<T> = Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>

/** The port over the bridge (`desk.outbox.readMirror()` / `saveMirror()`). */
export function mirrorPortFromDesk(desk: {
  outbox: { readMirror(): Result<OutboxMirror | null>; saveMirror(m: OutboxMirror): Result<null> }
}): MirrorPort {
  return {
    async read() {
      const result = await desk.outbox.readMirror()
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    },
    async save(mirror) {
      const result = await desk.outbox.saveMirror(mirror)
      if (!result.ok) throw new Error(result.error.message)
    },
  }
}

/** At start: the store's identity, with the replies put back if the store had been deleted. */
export async function checkStore(
  db: InnboxDb,
  port: MirrorPort,
  now: number,
): Promise<StoreIdentity> {
  return claimStoreIdentity(db, await port.read(), now)
}

/**
 * Saves the mirror now and after every committed change of the outbox; saves never overlap and
 * the last one always reads the outbox after the last change. Returns the function that stops.
 */
export function keepOutboxMirrored(db: InnboxDb, storeId: string, port: MirrorPort): () => void {
  let running = false
  let again = false
  let stopped = false
  const run = async (): Promise<void> => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        // A text longer than the host takes is left out rather than failing every save.
        const replies = (await unsentTextReplies(db, OUTBOX_MIRROR_MAX_REPLIES)).filter(
          (r) => r.content.length <= OUTBOX_MIRROR_MAX_TEXT,
        )
        if (!stopped) await port.save({ storeId, replies })
      } while (again && !stopped)
    } catch {
      // The host did not take it (closed, disk full): the next change of the outbox tries again.
    } finally {
      running = false
    }
  }
  const unsubscribe = onTablesChanged(db, ['outbox'], () => void run())
  void run()
  return () => {
    stopped = true
    unsubscribe()
  }
}
