// Version 6: conversation rows carry `written`, the number of the write that last stored them
// (db/conversation-writes.ts: a counter in `syncState`, the same number for every row of one
// write), in an index. The counter is read and moved in the write's transaction, and read-write
// transactions on it run one after another, so the numbers follow the order of the commits, and
// "every row written after N" is one read of the index. The reply score's worker
// (metrics/model.ts) restores its input from a snapshot and, at 200,000 conversations (issue
// 11), then read every row to see what had changed since: a second of its thread deserialising
// them, beside the desk's first opens. It now reads only the rows written after its snapshot's
// number (and every id only when rows were deleted since: a deletion takes a number too).
//
// Rows from before this version have no `written` and stay out of the index until written
// again; the worker's snapshot format changed with it, so its first start on this version reads
// every row once. Filling the field in would rewrite every conversation in the upgrade.

export const version = 6

export const stores = {
  conversations: [
    'conversationId',
    'hydrated',
    'readClosesAt',
    'unreadGuestAt',
    'written',
    '[propertyId+lastActivityAt]',
    '[needsReply+replyDeadline]',
    '[propertyId+needsReply+replyDeadline]',
  ].join(', '),
} as const
