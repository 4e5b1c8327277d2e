import type { MirroredReply } from '@shared/bridge/schemas'
import type { OutboxRecord } from './records'
import type { InnboxDb } from './schema'
import { writeTx } from './tx'

// The store's identity, made once when the store is created and kept in its `settings` table
// (a resync carries it over). The desk's folder keeps the same id with a copy of the unsent
// replies (`outbox:saveMirror`): a store without an id while the folder has a copy is a store
// that was deleted, and the copied replies are put back.

export const STORE_ID_KEY = 'storeIdentity'

export interface StoreIdentity {
  storeId: string
  /** The store was deleted since the desk last saw it (the desk's folder had a copy). */
  lost: boolean
  /** How many unsent replies were put back into the outbox. */
  restored: number
}

/**
 * The store's id; when the store has none, one is made and `mirrored` (the folder's copy, if
 * any) says the store was lost: its replies not already in the outbox are put back as
 * `unknown`, so the drain reads the conversation first and sends only what did not land.
 */
export function claimStoreIdentity(
  db: InnboxDb,
  mirrored: { storeId: string; replies: readonly MirroredReply[] } | null,
  now: number,
): Promise<StoreIdentity> {
  return writeTx(db, [db.settings, db.outbox], async () => {
    const existing = await db.settings.get(STORE_ID_KEY)
    if (typeof existing?.value === 'string') {
      return { storeId: existing.value, lost: false, restored: 0 }
    }
    const storeId = crypto.randomUUID()
    await db.settings.put({ key: STORE_ID_KEY, value: storeId })
    if (!mirrored) return { storeId, lost: false, restored: 0 }
    let seq = (await db.outbox.orderBy('seq').last())?.seq ?? 0
    let restored = 0
    for (const reply of [...mirrored.replies].sort((a, b) => a.createdAt - b.createdAt)) {
      if (await db.outbox.get(reply.id)) continue
      seq += 1
      await db.outbox.add(restoredRecord(reply, seq, now))
      restored += 1
    }
    return { storeId, lost: true, restored }
  })
}

function restoredRecord(reply: MirroredReply, seq: number, now: number): OutboxRecord {
  return {
    id: reply.id,
    seq,
    propertyId: reply.propertyId,
    conversationId: reply.conversationId,
    action: { kind: 'send', content: reply.content, attachments: [] },
    // It may have gone out before the store was lost: read the conversation before sending.
    state: 'unknown',
    attempts: 0,
    createdAt: reply.createdAt,
    updatedAt: now,
    nextAttemptAt: now,
    lastError: null,
    failure: null,
    messageId: null,
    sentAt: null,
  }
}

/**
 * The replies the desk's folder keeps: text replies not sent yet (queued, sending, outcome
 * unknown), oldest first. Replies with photos are left out: their bytes are not copied.
 */
export async function unsentTextReplies(db: InnboxDb, max: number): Promise<MirroredReply[]> {
  const records = await db.outbox.where('state').anyOf('queued', 'sending', 'unknown').toArray()
  return records
    .sort((a, b) => a.seq - b.seq)
    .flatMap((r) =>
      r.action.kind === 'send' && r.action.attachments.length === 0
        ? [
            {
              id: r.id,
              propertyId: r.propertyId,
              conversationId: r.conversationId,
              content: r.action.content,
              createdAt: r.createdAt,
            },
          ]
        : [],
    )
    .slice(0, max)
}
