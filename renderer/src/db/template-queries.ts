import { addCalendarDays, formatCalendarDate, parseCalendarDate } from '@shared/time'
import { conversationRange } from './messages'
import type { InnboxDb } from './schema'
import type { MessageOrigin, ReservationRecord } from './records'

// The reads behind templates (issue 8): the audit trail of the open conversation and the
// reservations the editor's preview may be rendered against.

export interface OriginEntry {
  outboxId: string
  /** The platform's message id once sent. */
  messageId: string | null
  origin: MessageOrigin
}

/** Which of the conversation's messages (sent or not) a template or rule wrote. */
export async function messageOrigins(db: InnboxDb, conversationId: string): Promise<OriginEntry[]> {
  const records = await db.outbox
    .where('[conversationId+seq]')
    .between(...conversationRange(conversationId), true, true)
    .filter((record) => record.origin !== undefined)
    .toArray()
  return records.map((record) => ({
    outboxId: record.id,
    messageId: record.messageId,
    origin: record.origin!,
  }))
}

export interface PreviewReservationQuery {
  /** Empty: every property. */
  propertyIds: readonly string[]
  /** Part of the guest's name or the reservation number; blank: any. */
  search: string
  /** `YYYY-MM-DD`: stays that check out from this date on (still writable, rule 1). */
  from: string
  limit: number
}

function shiftDate(date: string, days: number): string {
  const parsed = parseCalendarDate(date)
  return parsed ? formatCalendarDate(addCalendarDays(parsed, days)) : date
}

/**
 * Reservations to preview a template against: of the template's properties, checking out from
 * a week before `from` on (rule 1 still lets the property write), soonest check-in first.
 */
export async function previewReservations(
  db: InnboxDb,
  { propertyIds, search, from, limit }: PreviewReservationQuery,
): Promise<ReservationRecord[]> {
  const ids =
    propertyIds.length > 0 ? propertyIds : await db.properties.toCollection().primaryKeys()
  const since = shiftDate(from, -7)
  const needle = search.trim().toLocaleLowerCase()
  const matches = (row: ReservationRecord) =>
    !needle ||
    row.reservation.guest_name.toLocaleLowerCase().includes(needle) ||
    row.reservationId.toLocaleLowerCase().includes(needle)
  // Each range read whole and filtered here: a Dexie `filter` walks a cursor, a round trip per
  // row, which at hotel-group scale was tens of thousands of steps per read (issue 11).
  const rows = await Promise.all(
    ids.map((propertyId) =>
      db.reservations
        .where('[propertyId+checkout]')
        .between([propertyId, since], [propertyId, '\uffff'], true, true)
        .toArray(),
    ),
  )
  return rows
    .flat()
    .filter((row) => row.reservation.status !== 'cancelled' && matches(row))
    .sort(
      (a, b) =>
        a.checkin.localeCompare(b.checkin) || a.reservationId.localeCompare(b.reservationId),
    )
    .slice(0, limit)
}
