import { z } from 'zod'
import { notFound, parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { isReadable } from '../rules'
import { visibleInVersion } from '../store/apply'
import {
  decodePageId,
  encodePageId,
  requireConversation,
  requireProperty,
  requireReadable,
} from './common'
import { conversationWire } from './wire'

/**
 * `GET /properties/{property_id}/conversations`: every readable conversation with only its
 * latest message. Pages follow creation order, so new conversations never shift a page.
 */
export function listConversations(request: ApiRequest) {
  const property = requireProperty(request)
  const { state } = request.runtime.store
  const ids = state.conversationsByProperty.get(property.property_id) ?? []
  let position = decodePageId(request.query.get('page_id'))
  const conversations = []
  while (position < ids.length && conversations.length < request.runtime.options.pageSize) {
    const conversation = state.conversations.get(ids[position] as string)
    position += 1
    if (!conversation || !isReadable(request.runtime, conversation)) continue
    const latest = latestVisible(request, conversation.conversation_id)
    conversations.push(
      conversationWire(state, conversation, latest ? [latest] : [], request.version),
    )
  }
  return { conversations, next_page_id: position < ids.length ? encodePageId(position) : null }
}

function latestVisible(request: ApiRequest, conversationId: string) {
  const messages = request.runtime.store.state.conversationMessages(conversationId)
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]
    if (message && visibleInVersion(message, request.version)) return message
  }
  return undefined
}

/** `GET /properties/{property_id}/conversations/{conversation_id}` */
export function getConversation(request: ApiRequest) {
  const property = requireProperty(request)
  const conversation = requireConversation(request, property)
  const { state } = request.runtime.store
  const messages = state.conversationMessages(conversation.conversation_id)
  return { conversation: conversationWire(state, conversation, messages, request.version) }
}

const byReservationQuerySchema = z.object({ conversation_reference: z.string().min(1) })

/** `GET /properties/{property_id}/conversations/type/reservation?conversation_reference=` */
export function getConversationByReservation(request: ApiRequest) {
  const property = requireProperty(request)
  const { conversation_reference: reference } = parseInput(
    byReservationQuerySchema,
    Object.fromEntries(request.query),
    'conversation_reference',
  )
  const { state } = request.runtime.store
  const id = state.conversationByReservation(property.property_id, reference)
  const conversation = id === undefined ? undefined : state.conversations.get(id)
  if (!conversation || conversation.conversation_type !== 'reservation') {
    throw notFound('reservation', reference)
  }
  requireReadable(request.runtime, conversation)
  const messages = state.conversationMessages(conversation.conversation_id)
  return { conversation: conversationWire(state, conversation, messages, request.version) }
}
