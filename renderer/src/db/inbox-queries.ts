import type { InnboxDb } from './schema'
import type {
  ConversationRecord,
  CounterRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
} from './records'

// The inbox's reads (issue 7). The list's order is computed off the page's thread (search/),
// from `inboxSnapshot`; the page then reads only the rows it shows (`inboxRows`), so a list of
// 20,000 conversations costs the page a few dozen rows per screen, never the whole table.

export interface PropertySummary {
  propertyId: string
  name: string
  timeZone: string
  checkoutTime: string | null
  counters: CounterRecord
}

/** The sidebar: every property with its maintained counters (db/counters.ts), by name. */
export async function propertySummaries(db: InnboxDb): Promise<PropertySummary[]> {
  const [properties, counters] = await Promise.all([db.properties.toArray(), db.counters.toArray()])
  const byProperty = new Map(counters.map((row) => [row.propertyId, row]))
  return properties
    .map((row) => ({
      propertyId: row.propertyId,
      name: row.name,
      timeZone: row.property.time_zone,
      checkoutTime: row.property.checkout_time ?? null,
      counters: byProperty.get(row.propertyId) ?? {
        propertyId: row.propertyId,
        conversations: 0,
        unreadConversations: 0,
        unreadMessages: 0,
        needsReply: 0,
      },
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Every conversation, read a page at a time, each page its own short transaction: a single
 * read of 20,000 rows would hold the table for the sync's writes to wait on. Rows written
 * between pages may be seen in either state; the next read sees them settled.
 */
export async function allConversations(
  db: InnboxDb,
  pageSize = READ_PAGE,
): Promise<ConversationRecord[]> {
  const rows: ConversationRecord[] = []
  let after: string | null = null
  for (;;) {
    const page: ConversationRecord[] = await (
      after === null ? db.conversations.orderBy(':id') : db.conversations.where(':id').above(after)
    )
      .limit(pageSize)
      .toArray()
    rows.push(...page)
    if (page.length < pageSize) return rows
    after = page.at(-1)!.conversationId
  }
}

/** The rows of these conversations, in the ids' order (undefined: no such conversation). */
export function conversationsByIds(
  db: InnboxDb,
  ids: readonly string[],
): Promise<(ConversationRecord | undefined)[]> {
  return db.conversations.bulkGet([...ids])
}

/** Ids of every cancelled reservation (the stage filter needs them), a page at a time. */
export async function cancelledReservations(
  db: InnboxDb,
  pageSize = READ_PAGE,
): Promise<Set<string>> {
  const cancelled = new Set<string>()
  let after: string | null = null
  for (;;) {
    const page: ReservationRecord[] = await (
      after === null ? db.reservations.orderBy(':id') : db.reservations.where(':id').above(after)
    )
      .limit(pageSize)
      .toArray()
    for (const row of page) {
      if (row.reservation.status === 'cancelled') cancelled.add(row.reservationId)
    }
    if (page.length < pageSize) return cancelled
    after = page.at(-1)!.reservationId
  }
}

/** Which of these reservations are cancelled (true), stored and not cancelled (false), or gone. */
export async function reservationsCancelled(
  db: InnboxDb,
  reservationIds: readonly string[],
): Promise<(boolean | undefined)[]> {
  const rows = await db.reservations.bulkGet([...reservationIds])
  return rows.map((row) => (row ? row.reservation.status === 'cancelled' : undefined))
}

export function allProperties(db: InnboxDb): Promise<PropertyRecord[]> {
  return db.properties.toArray()
}

const READ_PAGE = 1_000

/** A page of messages in primary-key order, after `afterId` (the index's first build). */
export function messagesAfter(
  db: InnboxDb,
  afterId: string | null,
  limit: number,
): Promise<MessageRecord[]> {
  const collection =
    afterId === null ? db.messages.orderBy(':id') : db.messages.where(':id').above(afterId)
  return collection.limit(limit).toArray()
}

export function countMessages(db: InnboxDb): Promise<number> {
  return db.messages.count()
}

/** The messages of a few conversations, grouped by conversation. */
export function messagesOfConversations(
  db: InnboxDb,
  conversationIds: readonly string[],
): Promise<Map<string, MessageRecord[]>> {
  return db.transaction('r', db.messages, async () => {
    const lists = await Promise.all(
      conversationIds.map((id) =>
        db.messages
          .where('[conversationId+timestamp]')
          .between([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY], true, true)
          .toArray(),
      ),
    )
    return new Map(conversationIds.map((id, index) => [id, lists[index] ?? []]))
  })
}

export interface InboxRow {
  conversation: ConversationRecord
  reservation: ReservationRecord | undefined
  /** The message a search matched, when one did. */
  match: MessageRecord | undefined
}

/** The rows on screen, with their reservation and matched message; missing ids are skipped. */
export async function inboxRows(
  db: InnboxDb,
  conversationIds: readonly string[],
  matchIds: readonly string[] = [],
): Promise<Map<string, InboxRow>> {
  const conversations = await db.conversations.bulkGet([...conversationIds])
  const present = conversations.filter((row): row is ConversationRecord => row !== undefined)
  const reservationIds = present.map((row) => row.reservationId ?? '')
  const [reservations, matches] = await Promise.all([
    db.reservations.bulkGet(reservationIds),
    db.messages.bulkGet([...matchIds]),
  ])
  const matchByConversation = new Map(
    matches.filter((m): m is MessageRecord => m !== undefined).map((m) => [m.conversationId, m]),
  )
  const rows = new Map<string, InboxRow>()
  present.forEach((conversation, index) => {
    rows.set(conversation.conversationId, {
      conversation,
      reservation: reservations[index],
      match: matchByConversation.get(conversation.conversationId),
    })
  })
  return rows
}
