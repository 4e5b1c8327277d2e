import { addCalendarDays, formatCalendarDate, parseCalendarDate } from '@shared/time'
import type { InnboxDb } from './schema'
import type { ConversationRecord, PropertyRecord, ReservationRecord } from './records'

// The reads behind the reservations view (issue 7): a property's bookings by where the stay is
// on the property's calendar, each with its conversation when the desk holds it. Every section
// is one range of the `[propertyId+checkin]` or `[propertyId+checkout]` index (0001-initial).

export type ReservationSection = 'arrivals' | 'inHouse' | 'departures' | 'upcoming' | 'past'

export const reservationSections: readonly ReservationSection[] = [
  'arrivals',
  'inHouse',
  'departures',
  'upcoming',
  'past',
]

/**
 * How far back "in house" looks for a check-in, so the read stays one bounded index range.
 * A stay longer than this is not listed as in house. [ours: hotel stays are rarely longer;
 * raise it for a property that takes long stays]
 */
export const LONGEST_STAY_NIGHTS = 90

export interface Booking {
  reservation: ReservationRecord
  /** Null while the desk does not hold the reservation's conversation yet. */
  conversation: ConversationRecord | null
}

export interface SectionQuery {
  propertyId: string
  section: ReservationSection
  /** The property's today, `YYYY-MM-DD`. */
  today: string
  /** For the open-ended sections (upcoming, past). */
  limit: number
}

function shiftDate(date: string, days: number): string {
  const parsed = parseCalendarDate(date)
  return parsed ? formatCalendarDate(addCalendarDays(parsed, days)) : date
}

function sectionRows(
  db: InnboxDb,
  { propertyId, section, today, limit }: SectionQuery,
): Promise<ReservationRecord[]> {
  const byCheckin = db.reservations.where('[propertyId+checkin]')
  const byCheckout = db.reservations.where('[propertyId+checkout]')
  switch (section) {
    case 'arrivals':
      return byCheckin.equals([propertyId, today]).toArray()
    case 'departures':
      return byCheckout.equals([propertyId, today]).toArray()
    case 'inHouse':
      // Arrived before today and leaving after it; today's arrivals and departures have their own.
      return byCheckin
        .between([propertyId, shiftDate(today, -LONGEST_STAY_NIGHTS)], [propertyId, today])
        .filter((row) => row.checkout > today)
        .toArray()
    case 'upcoming':
      return byCheckin
        .between([propertyId, today], [propertyId, '\uffff'], false, true)
        .limit(limit)
        .toArray()
    case 'past':
      return byCheckout
        .between([propertyId, ''], [propertyId, today], true, false)
        .reverse()
        .limit(limit)
        .toArray()
  }
}

/** One section of a property's bookings with their conversations, in the section's order. */
export async function bookingsInSection(db: InnboxDb, query: SectionQuery): Promise<Booking[]> {
  const reservations = await sectionRows(db, query)
  const conversations = await db.conversations.bulkGet(reservations.map((r) => r.conversationId))
  return reservations.map((reservation, index) => ({
    reservation,
    conversation: conversations[index] ?? null,
  }))
}

export type SectionCounts = Record<Exclude<ReservationSection, 'past'>, number>

/** How many bookings each bounded section holds, for the tabs. */
export async function sectionCounts(
  db: InnboxDb,
  propertyId: string,
  today: string,
): Promise<SectionCounts> {
  const byCheckin = db.reservations.where('[propertyId+checkin]')
  const [arrivals, departures, inHouse, upcoming] = await Promise.all([
    byCheckin.equals([propertyId, today]).count(),
    db.reservations.where('[propertyId+checkout]').equals([propertyId, today]).count(),
    byCheckin
      .between([propertyId, shiftDate(today, -LONGEST_STAY_NIGHTS)], [propertyId, today])
      .filter((row) => row.checkout > today)
      .count(),
    byCheckin.between([propertyId, today], [propertyId, '\uffff'], false, true).count(),
  ])
  return { arrivals, inHouse, departures, upcoming }
}

/** The properties in the picker, by name. */
export async function propertiesByName(db: InnboxDb): Promise<PropertyRecord[]> {
  const rows = await db.properties.toArray()
  return rows.sort(
    (a, b) => a.name.localeCompare(b.name) || a.propertyId.localeCompare(b.propertyId),
  )
}
