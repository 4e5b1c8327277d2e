// Version 4: indexes nothing reads are dropped (issue 11). Every index is written with each row:
// a first sync writes 20,000 conversation rows with eight indexes and 20,000 reservation rows
// with five, at hotel-group scale ten times that. The screens moved to the inbox's read model
// (search/) and the first-page reads (db/first-page-queries.ts); what they and the write path
// read stays:
//
// - conversations: `propertyId` alone is the prefix of `[propertyId+lastActivityAt]`, which
//   Dexie serves `where('propertyId')` from; `reservationId` and `[propertyId+checkin]` had no
//   reader (a conversation's reservation is found through `reservations.conversationId`, the
//   arrivals view reads `reservations.[propertyId+checkin]`).
// - reservations: `propertyId` alone is the prefix of `[propertyId+checkin]`.
//
// No row changes: IndexedDB drops an index without touching the rows.

export const version = 4

export const stores = {
  reservations: 'reservationId, conversationId, [propertyId+checkin], [propertyId+checkout]',
  conversations: [
    'conversationId',
    'hydrated',
    'readClosesAt',
    '[propertyId+lastActivityAt]',
    '[needsReply+replyDeadline]',
    '[propertyId+needsReply+replyDeadline]',
  ].join(', '),
} as const
