import type { Property, Reservation } from '@shared/platform'
import { applyConversationUpdates, writeTables } from './conversations'
import type { InnboxDb } from './schema'
import type { ReservationRecord } from './records'
import { writeTx } from './tx'

// Properties and reservations: the facts the policy windows (rules 1-3) and the arrivals view
// need. Writing them re-derives the conversations they touch, in the same transaction.

/** Fields of a property that change a conversation's derived instants. */
function policyKey(property: Property): string {
  return `${property.time_zone}|${property.checkout_time ?? ''}`
}

/** The rows that differ from what is stored (`before`, in the same order): the ones to write. */
function changedRows<T>(rows: readonly T[], before: readonly (T | undefined)[]): T[] {
  return rows.filter((row, i) => {
    const previous = before[i]
    return !previous || JSON.stringify(previous) !== JSON.stringify(row)
  })
}

export function writeProperties(db: InnboxDb, properties: readonly Property[]): Promise<void> {
  return writeTx(db, writeTables(db), async () => {
    const before = await db.properties.bulkGet(properties.map((p) => p.property_id))
    // Every sync run reads the properties again; most runs change none. Rows written anyway
    // would tell every reader of the table (the inbox's read model re-reads all its rows).
    const rows = properties.map((property) => ({
      propertyId: property.property_id,
      name: property.name,
      property,
    }))
    const fresh = changedRows(rows, before)
    if (fresh.length > 0) await db.properties.bulkPut(fresh)
    const changed = properties.filter((p, i) => {
      const previous = before[i]
      return !previous || policyKey(previous.property) !== policyKey(p)
    })
    for (const property of changed) {
      const ids = await db.conversations
        .where('propertyId')
        .equals(property.property_id)
        .primaryKeys()
      if (ids.length > 0) {
        await applyConversationUpdates(
          db,
          ids.map((conversationId) => ({ conversationId })),
        )
      }
    }
  })
}

export function reservationRecordFrom(
  reservation: Reservation,
  propertyId: string,
): ReservationRecord {
  return {
    reservationId: reservation.reservation_id,
    propertyId: reservation.property_id ?? propertyId,
    conversationId: reservation.conversation_id,
    checkin: reservation.checkin,
    checkout: reservation.checkout,
    reservation,
  }
}

export interface WriteReservationsOptions {
  /**
   * Whether a reservation whose conversation is not stored gets an empty one (the default: every
   * new reservation has one on the platform). A first sync says no: it writes every conversation
   * of the property from the platform's list right after, then `addReservationConversations`
   * covers any the list lacked; an empty row written first was rewritten at once (issue 11).
   */
  createConversations?: boolean
}

/** Stores reservations and re-derives their stored conversations. */
export function writeReservations(
  db: InnboxDb,
  propertyId: string,
  reservations: readonly Reservation[],
  { createConversations = true }: WriteReservationsOptions = {},
): Promise<void> {
  if (reservations.length === 0) return Promise.resolve()
  const all = reservations.map((r) => reservationRecordFrom(r, propertyId))
  return writeTx(db, writeTables(db), async () => {
    // Each sync run asks again for the reservations changed in its last minutes (clocks
    // differ): those come back unchanged, and rewriting them would tell every reader.
    const records = changedRows(all, await db.reservations.bulkGet(all.map((r) => r.reservationId)))
    if (records.length === 0) return
    await db.reservations.bulkPut(records)
    if (createConversations) {
      await applyConversationUpdates(
        db,
        records.map((r) => ({ conversationId: r.conversationId, propertyId: r.propertyId })),
      )
      return
    }
    // Only the property's stored conversations are re-derived: their keys come in one read of
    // the index, where looking up each reservation's conversation (none yet, in a first sync)
    // was a read per reservation.
    const stored = new Set(await conversationKeysOf(db, propertyId))
    const ids = records.map((r) => r.conversationId).filter((id) => stored.has(id))
    if (ids.length > 0) {
      await applyConversationUpdates(
        db,
        ids.map((conversationId) => ({ conversationId })),
      )
    }
  })
}

function conversationKeysOf(db: InnboxDb, propertyId: string): Promise<string[]> {
  return db.conversations.where('propertyId').equals(propertyId).primaryKeys()
}

/**
 * Gives every stored reservation of the property whose conversation has no row an empty one;
 * answers how many it made. Joins the caller's transaction.
 */
export function addReservationConversations(db: InnboxDb, propertyId: string): Promise<number> {
  return writeTx(db, writeTables(db), async () => {
    const [reservations, keys] = await Promise.all([
      db.reservations.where('propertyId').equals(propertyId).toArray(),
      conversationKeysOf(db, propertyId),
    ])
    const propertyOf = new Map(reservations.map((r) => [r.conversationId, r.propertyId]))
    // Most are stored under the property (one read of its index keys); the few that are not
    // are looked up one by one, in case a conversation is stored under another property.
    const stored = new Set(keys)
    const candidates = [...propertyOf.keys()].filter((id) => !stored.has(id))
    const found = await db.conversations.bulkGet(candidates)
    const missing = candidates.filter((_, index) => !found[index])
    if (missing.length > 0) {
      await applyConversationUpdates(
        db,
        missing.map((conversationId) => ({
          conversationId,
          propertyId: propertyOf.get(conversationId)!,
        })),
      )
    }
    return missing.length
  })
}

export function listProperties(db: InnboxDb) {
  return db.properties.orderBy('propertyId').toArray()
}
