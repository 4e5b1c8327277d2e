import { Router } from '../http/router'
import type { ApiHandler } from '../http/types'
import { attachmentMetadata, downloadAttachment, uploadAttachment } from './attachments'
import { getConversation, getConversationByReservation, listConversations } from './conversations'
import { listProperties, listReservations } from './properties'
import { confirmMessages, latestMessages } from './queue'
import { searchResult, startSearch } from './search'
import { sendMessage } from './send'
import { setMessageRead, setNoReplyNeeded } from './tags'

const conversation = '/messaging/properties/:property_id/conversations/:conversation_id'
const attachment = `${conversation}/attachments/:attachment_id`

/** Every Messaging API endpoint of PLATFORM.md. Adding one: a handler in api/, a line here, a test. */
export function messagingRoutes(): Router<ApiHandler> {
  return new Router<ApiHandler>()
    .add('GET', '/messaging/messages/latest', latestMessages)
    .add('PUT', '/messaging/messages', confirmMessages)
    .add('GET', '/messaging/messages/search', startSearch)
    .add('GET', '/messaging/messages/search/result/:job_id', searchResult)
    .add('GET', '/messaging/properties', listProperties)
    .add('GET', '/messaging/properties/:property_id/reservations', listReservations)
    .add('GET', '/messaging/properties/:property_id/conversations', listConversations)
    .add(
      'GET',
      '/messaging/properties/:property_id/conversations/type/reservation',
      getConversationByReservation,
    )
    .add('GET', conversation, getConversation)
    .add('POST', conversation, sendMessage)
    .add('POST', `${conversation}/attachments`, uploadAttachment)
    .add('GET', attachment, downloadAttachment)
    .add('GET', `${attachment}/metadata`, attachmentMetadata)
    .add('PUT', `${conversation}/tags/no_reply_needed`, (request) =>
      setNoReplyNeeded(request, true),
    )
    .add('DELETE', `${conversation}/tags/no_reply_needed`, (request) =>
      setNoReplyNeeded(request, false),
    )
    .add('PUT', `${conversation}/tags/message_read`, (request) => setMessageRead(request, true))
    .add('DELETE', `${conversation}/tags/message_read`, (request) => setMessageRead(request, false))
}
