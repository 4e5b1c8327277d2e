// Version 5: desktop notifications read an index of the conversations whose latest message is
// an unread guest message (`unreadGuestAt`, db/derive.ts) instead of every conversation active
// in the last day (issue 11). At 200,000 conversations that day was ~8,500 rows (one read took
// about 0.75 s of the page's thread in a trace), read again by every write to any of them (a
// conversation marked read, a reply sent). The index holds only what a notification may be
// raised for, and a write that changes nothing there wakes no read.
//
// Rows written before this version have no `unreadGuestAt` and stay out of the index until they
// are written again. Nothing is lost: a notification is raised only for a guest message that
// reaches the desk after a start (what is stored at start is taken as seen), and such a message
// writes its conversation's row again. Filling the field in would read every conversation in
// the upgrade (46 s at 200,000 conversations) for no notification.

export const version = 5

export const stores = {
  conversations: [
    'conversationId',
    'hydrated',
    'readClosesAt',
    'unreadGuestAt',
    '[propertyId+lastActivityAt]',
    '[needsReply+replyDeadline]',
    '[propertyId+needsReply+replyDeadline]',
  ].join(', '),
} as const
