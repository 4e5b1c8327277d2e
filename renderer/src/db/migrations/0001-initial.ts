// Version 1: every table of the offline store (issue 6). Shipped migrations are never edited:
// a change is a new numbered file declared in schema.ts.
//
// Indexes follow the screens: the inbox lists a property's conversations by last activity,
// the "needs reply" view sorts by reply deadline (rule 2) across or within properties, the
// arrivals view sorts by check-in date, a conversation shows its messages by time, and the
// retention purge finds conversations past their read window (rule 3) by `readClosesAt`.

export const version = 1

export const stores = {
  properties: 'propertyId',
  reservations:
    'reservationId, propertyId, conversationId, [propertyId+checkin], [propertyId+checkout]',
  conversations: [
    'conversationId',
    'propertyId',
    'reservationId',
    'hydrated',
    'readClosesAt',
    '[propertyId+lastActivityAt]',
    '[needsReply+replyDeadline]',
    '[propertyId+needsReply+replyDeadline]',
    '[propertyId+checkin]',
  ].join(', '),
  messages: 'messageId, [conversationId+timestamp]',
  // `bytesUsedAt` exists only while bytes are held: the compound index lists exactly the
  // evictable rows, oldest use first, with their sizes readable from the keys alone.
  attachments: 'attachmentId, conversationId, [bytesUsedAt+byteSize]',
  outbox: 'id, &seq, state, [conversationId+seq]',
  drafts: 'conversationId',
  templates: 'templateId, propertyId',
  translations: '[messageId+language], conversationId',
  settings: 'key',
  syncState: 'key',
} as const
