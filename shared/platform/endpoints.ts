// Paths of the Messaging API (PLATFORM.md, "Endpoints"), relative to the base path `/messaging`,
// so the platform client and the sandbox cannot disagree on them. Path parameters are encoded.

export const MESSAGING_BASE_PATH = '/messaging'

const part = encodeURIComponent

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${part(key)}=${part(String(value))}`)
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`
}

const conversation = (propertyId: string, conversationId: string) =>
  `/properties/${part(propertyId)}/conversations/${part(conversationId)}`
const attachment = (propertyId: string, conversationId: string, attachmentId: string) =>
  `${conversation(propertyId, conversationId)}/attachments/${part(attachmentId)}`

export const messagingPaths = {
  latestMessages: () => '/messages/latest',
  confirmMessages: (count: number) => withQuery('/messages', { number_of_messages: count }),
  conversations: (propertyId: string, pageId?: string) =>
    withQuery(`/properties/${part(propertyId)}/conversations`, { page_id: pageId }),
  conversation,
  reservationConversation: (propertyId: string, reservationId: string) =>
    withQuery(`/properties/${part(propertyId)}/conversations/type/reservation`, {
      conversation_reference: reservationId,
    }),
  attachments: (propertyId: string, conversationId: string) =>
    `${conversation(propertyId, conversationId)}/attachments`,
  attachment,
  attachmentMetadata: (propertyId: string, conversationId: string, attachmentId: string) =>
    `${attachment(propertyId, conversationId, attachmentId)}/metadata`,
  noReplyNeededTag: (propertyId: string, conversationId: string) =>
    `${conversation(propertyId, conversationId)}/tags/no_reply_needed`,
  messageReadTag: (propertyId: string, conversationId: string) =>
    `${conversation(propertyId, conversationId)}/tags/message_read`,
  search: (query: { after: string; before: string; propertyId?: string }) =>
    withQuery('/messages/search', {
      after: query.after,
      before: query.before,
      property_id: query.propertyId,
    }),
  searchResult: (jobId: string, pageId?: string) =>
    withQuery(`/messages/search/result/${part(jobId)}`, { page_id: pageId }),
  properties: () => '/properties',
  reservations: (propertyId: string, updatedSince?: string, pageId?: string) =>
    withQuery(`/properties/${part(propertyId)}/reservations`, {
      updated_since: updatedSince,
      page_id: pageId,
    }),
} as const
