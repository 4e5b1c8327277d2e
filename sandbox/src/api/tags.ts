import { messageReadRequestSchema } from '../../../shared/platform'
import { ApiError, parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import type { ConversationRecord } from '../store/model'
import { commit, requireConversation, requireProperty } from './common'

// The two conversation tags (PLATFORM.md, Endpoints). request_to_book conversations take none.

function taggableConversation(request: ApiRequest): ConversationRecord {
  const property = requireProperty(request)
  const conversation = requireConversation(request, property)
  if (conversation.conversation_type === 'request_to_book') {
    throw new ApiError(
      400,
      'tags_not_allowed',
      'Conversations of type request_to_book take no tags.',
    )
  }
  return conversation
}

/** `PUT` / `DELETE …/tags/no_reply_needed` */
export async function setNoReplyNeeded(request: ApiRequest, value: boolean) {
  const conversation = taggableConversation(request)
  const at = value ? (conversation.no_reply_needed_at ?? request.runtime.clock.nowIso()) : null
  await commit(request.runtime, [
    { type: 'no_reply_needed_set', conversation_id: conversation.conversation_id, at },
  ])
  return { ok: true }
}

/** `PUT` / `DELETE …/tags/message_read` with `{ message_ids, participant_id }` */
export async function setMessageRead(request: ApiRequest, value: boolean) {
  const conversation = taggableConversation(request)
  const body = parseInput(messageReadRequestSchema, request.body, 'body')
  const { state } = request.runtime.store
  const property = state.properties.get(conversation.property_id)
  const participants = [conversation.guest_participant_id, property?.participant_id]
  if (!participants.includes(body.participant_id)) {
    throw new ApiError(
      400,
      'participant_not_found',
      'participant_id is not a participant of this conversation.',
    )
  }
  for (const id of body.message_ids) {
    if (state.messages.get(id)?.conversation_id !== conversation.conversation_id) {
      throw new ApiError(400, 'message_not_found', `No message "${id}" in this conversation.`)
    }
  }
  await commit(request.runtime, [
    {
      type: 'message_read_set',
      message_ids: body.message_ids,
      participant_id: body.participant_id,
      value,
    },
  ])
  return { ok: true }
}
