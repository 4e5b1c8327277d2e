import type { AttachmentMetadata } from '@shared/platform'
import type { InnboxDb } from './schema'
import type { AttachmentRecord } from './records'
import { writeTx } from './tx'

// Attachment bytes are a cache with a size cap: the least recently used bytes are evicted,
// the metadata never (the conversation must still say a photo was there, rule 7).

/** [ours] 200 MB of images; configurable by the caller. */
export const DEFAULT_ATTACHMENT_CAP_BYTES = 200 * 1024 * 1024

export interface StoreBytesInput {
  attachmentId: string
  conversationId: string
  messageId?: string | null
  metadata: AttachmentMetadata | null
  bytes: Uint8Array
}

/** A message that lists attachments. */
export interface ListedAttachments {
  conversationId: string
  messageId: string
  attachmentIds: readonly string[]
}

/** Records that messages list attachments, without bytes: one read and one write for all. */
export async function noteAttachments(
  db: InnboxDb,
  listed: readonly ListedAttachments[],
): Promise<void> {
  const rows = new Map<string, AttachmentRecord>()
  for (const { conversationId, messageId, attachmentIds } of listed) {
    for (const attachmentId of attachmentIds) {
      if (rows.has(attachmentId)) continue
      rows.set(attachmentId, {
        attachmentId,
        conversationId,
        messageId,
        metadata: null,
        bytes: null,
        byteSize: 0,
      })
    }
  }
  if (rows.size === 0) return
  const existing = await db.attachments.bulkGet([...rows.keys()])
  await db.attachments.bulkAdd([...rows.values()].filter((_, i) => !existing[i]))
}

export function storeAttachmentBytes(
  db: InnboxDb,
  input: StoreBytesInput,
  { now, capBytes = DEFAULT_ATTACHMENT_CAP_BYTES }: { now: number; capBytes?: number },
): Promise<void> {
  return writeTx(db, db.attachments, async () => {
    const previous = await db.attachments.get(input.attachmentId)
    await db.attachments.put({
      attachmentId: input.attachmentId,
      conversationId: input.conversationId,
      messageId: input.messageId ?? previous?.messageId ?? null,
      metadata: input.metadata ?? previous?.metadata ?? null,
      bytes: input.bytes,
      byteSize: input.bytes.byteLength,
      bytesUsedAt: now,
    })
    await evictBytesOver(db, capBytes)
  })
}

/** Reads an attachment and marks its bytes as just used. */
export function readAttachment(
  db: InnboxDb,
  attachmentId: string,
  now: number,
): Promise<AttachmentRecord | undefined> {
  return writeTx(db, db.attachments, async () => {
    const record = await db.attachments.get(attachmentId)
    if (!record?.bytes) return record
    const touched = { ...record, bytesUsedAt: now }
    await db.attachments.put(touched)
    return touched
  })
}

/** Drops the oldest-used bytes until the held bytes fit in `capBytes`; answers bytes freed. */
export async function evictBytesOver(db: InnboxDb, capBytes: number): Promise<number> {
  const held: { id: string; size: number }[] = []
  // Keys only: sizes are part of the index key, so no image is loaded to be counted.
  await db.attachments.orderBy('[bytesUsedAt+byteSize]').eachKey((key, cursor) => {
    const [, size] = key as [number, number]
    held.push({ id: String(cursor.primaryKey), size })
  })
  let total = held.reduce((sum, h) => sum + h.size, 0)
  const evict: string[] = []
  for (const item of held) {
    if (total <= capBytes) break
    evict.push(item.id)
    total -= item.size
  }
  if (evict.length === 0) return 0
  const rows = await db.attachments.bulkGet(evict)
  const freed = rows.reduce((sum, row) => sum + (row?.byteSize ?? 0), 0)
  await db.attachments.bulkPut(
    rows.flatMap((row) => {
      if (!row) return []
      const { bytesUsedAt: _evicted, ...rest } = row
      return [{ ...rest, bytes: null, byteSize: 0 }]
    }),
  )
  return freed
}

/** Frees every cached byte (the answer to a quota error); metadata stays. */
export function evictAllBytes(db: InnboxDb): Promise<number> {
  return writeTx(db, db.attachments, () => evictBytesOver(db, 0))
}
