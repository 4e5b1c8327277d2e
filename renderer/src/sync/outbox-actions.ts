import { conversationRef } from './port'
import { saveUploadedAttachment, type OutboxRecord } from '@/db'
import type { SyncContext } from './context'
import type { PortError, PortResult } from './port'

// One outbox record → the platform calls it stands for.

export type Performed =
  | { ok: true; messageId: string | null }
  | { ok: false; error: PortError; stage: 'upload' | 'action' }

/** The property's participant id, needed by `message_read`; read from the conversation if missing. */
async function participantOf(ctx: SyncContext, record: OutboxRecord): Promise<string | null> {
  const row = await ctx.db.conversations.get(record.conversationId)
  const known = row?.participants.find((p) => p.metadata.participant_type === 'property')
  if (known) return known.participant_id
  const answer = await ctx.port.conversations.get(conversationRef(record))
  if (!answer.ok) return null
  return (
    answer.value.participants.find((p) => p.metadata.participant_type === 'property')
      ?.participant_id ?? null
  )
}

function asPerformed(answer: PortResult<unknown>, messageId: string | null = null): Performed {
  return answer.ok ? { ok: true, messageId } : { ok: false, error: answer.error, stage: 'action' }
}

export async function perform(ctx: SyncContext, record: OutboxRecord): Promise<Performed> {
  const ref = { propertyId: record.propertyId, conversationId: record.conversationId }
  const { action } = record
  switch (action.kind) {
    case 'setNoReplyNeeded':
      return asPerformed(await ctx.port.tags.set({ ...ref, tag: 'no_reply_needed' }))
    case 'clearNoReplyNeeded':
      return asPerformed(await ctx.port.tags.clear({ ...ref, tag: 'no_reply_needed' }))
    case 'markRead': {
      const participantId = action.participantId || (await participantOf(ctx, record))
      if (!participantId) {
        const error = { code: 'not_found', message: 'the property participant is unknown' }
        return { ok: false, error, stage: 'action' }
      }
      const args = {
        ...ref,
        tag: 'message_read' as const,
        messageIds: action.messageIds,
        participantId,
      }
      return asPerformed(await ctx.port.tags.set(args))
    }
    case 'send': {
      const attachmentIds: string[] = []
      for (const [index, attachment] of action.attachments.entries()) {
        if (attachment.attachmentId) {
          attachmentIds.push(attachment.attachmentId)
          continue
        }
        const uploaded = await ctx.port.attachments.upload({
          ...ref,
          fileName: attachment.fileName,
          fileType: attachment.fileType,
          bytes: attachment.bytes,
        })
        if (!uploaded.ok) return { ok: false, error: uploaded.error, stage: 'upload' }
        // Remembered at once: a retry after a crash does not upload the photo again.
        await saveUploadedAttachment(ctx.db, record.id, index, uploaded.value.attachmentId)
        attachmentIds.push(uploaded.value.attachmentId)
      }
      // The record's id: the host never sends twice for one key while it runs (a reload).
      const sent = await ctx.port.messages.send({
        ...ref,
        content: action.content,
        attachmentIds,
        idempotencyKey: record.id,
      })
      return sent.ok ? { ok: true, messageId: sent.value.messageId } : asPerformed(sent)
    }
  }
}
