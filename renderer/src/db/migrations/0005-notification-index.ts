import type { Transaction } from 'dexie'
import { unreadGuestAtOf } from '../derive'
import type { ConversationRecord } from '../records'

// Version 5: desktop notifications read an index of the conversations whose latest message is
// an unread guest message (`unreadGuestAt`, db/derive.ts) instead of every conversation active
// in the last day (issue 11). At 200,000 conversations that day was 8,500 rows, read again on
// the page's thread by every write to any of them (a conversation marked read, a reply sent):
// 0.3–0.7 s each time. The index holds only what a notification may be raised for, and a write
// that changes nothing there wakes no read.
//
// Stores from before this version get the field on the rows it belongs to; the others are not
// written (the field is absent there anyway), so the upgrade reads every conversation but
// writes only the few with unread guest messages.

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

export async function upgrade(tx: Transaction): Promise<void> {
  await tx
    .table<ConversationRecord, string>('conversations')
    .toCollection()
    .modify((row) => {
      const at = unreadGuestAtOf(row)
      if (at === null) return false
      row.unreadGuestAt = at
      return true
    })
}
