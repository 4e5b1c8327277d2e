import { readAttachment, storeAttachmentBytes, type AttachmentRecord } from '@/db'
import { done, stopped, type Step, type SyncContext } from './context'
import { classify } from './errors'
import type { ConversationRef } from './port'

// A photo of a conversation: from the local cache when its bytes are there, else downloaded
// once and cached (bytes under the cap, metadata forever; db/attachments.ts).

export async function loadAttachment(
  ctx: SyncContext,
  ref: ConversationRef & { attachmentId: string },
  capBytes?: number,
): Promise<Step<AttachmentRecord>> {
  const cached = await readAttachment(ctx.db, ref.attachmentId, ctx.now())
  if (cached?.bytes) return done(cached)
  const answer = await ctx.port.attachments.get(ref)
  if (!answer.ok) return stopped(classify(answer.error))
  const { metadata, bytes } = answer.value
  if (!bytes)
    return stopped({
      kind: 'permanent',
      code: 'not_found',
      message: 'no content',
      retryAfterMs: null,
      reasons: [],
    })
  await storeAttachmentBytes(
    ctx.db,
    { attachmentId: ref.attachmentId, conversationId: ref.conversationId, metadata, bytes },
    { now: ctx.now(), ...(capBytes !== undefined ? { capBytes } : {}) },
  )
  // Handed back even when larger than the whole cache (then it is not kept).
  const stored = await ctx.db.attachments.get(ref.attachmentId)
  return done({
    attachmentId: ref.attachmentId,
    conversationId: ref.conversationId,
    messageId: stored?.messageId ?? null,
    metadata,
    bytes,
    byteSize: bytes.byteLength,
  })
}
