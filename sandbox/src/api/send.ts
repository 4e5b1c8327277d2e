import { randomUUID } from 'node:crypto'
import { sendMessageRequestSchema } from '../../../shared/platform'
import { ApiError, parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { checkSend } from '../rules'
import type { AttachmentRecord, MessageRecord } from '../store/model'
import type { SandboxState } from '../store/state'
import { commit, requireConversation, requireProperty } from './common'

/** `POST /properties/{property_id}/conversations/{conversation_id}`: the property sends. */
export async function sendMessage(request: ApiRequest) {
  const property = requireProperty(request)
  const conversation = requireConversation(request, property)
  const { message } = parseInput(sendMessageRequestSchema, request.body, 'body')
  const { state } = request.runtime.store
  const attachments = message.attachment_ids.map((id): AttachmentRecord => {
    const attachment = state.attachments.get(id)
    if (!attachment || attachment.conversation_id !== conversation.conversation_id) {
      throw new ApiError(
        400,
        'attachment_not_found',
        `No attachment "${id}" was uploaded to this conversation.`,
      )
    }
    return attachment
  })
  const { content, strippedLinks } = checkSend(
    request.runtime,
    conversation,
    message.content,
    attachments,
  )
  for (const link of strippedLinks) {
    request.warnings.push({
      code: 'link_removed',
      message: `The link "${link}" is not approved and was removed (rule 5).`,
    })
  }
  const record: MessageRecord = {
    message_id: randomUUID(),
    conversation_id: conversation.conversation_id,
    content,
    timestamp: nextTimestamp(state, conversation.conversation_id, request.runtime.clock.now()),
    sender_type: 'property',
    message_type: 'free_text',
    attributes: null,
    attachment_ids: attachments.map((attachment) => attachment.attachment_id),
  }
  await commit(request.runtime, [{ type: 'message_added', message: record }])
  return { message_id: record.message_id }
}

/** Strictly after the conversation's latest message, so order by time is order of acceptance. */
export function nextTimestamp(state: SandboxState, conversationId: string, now: number): string {
  const latest = state.latestMessage(conversationId)
  const floor = latest ? Date.parse(latest.timestamp) + 1 : now
  return new Date(Math.max(now, floor)).toISOString()
}
