import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { InnboxDb } from '@/db'
import type { Conversation, Message, Property, Reservation } from '@shared/platform'

// Platform objects in their parsed shapes, and a store of its own per test.

export const T0 = Date.parse('2025-03-01T10:00:00.000Z')
export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR
export const iso = (instant: number): string => new Date(instant).toISOString()

let databases = 0

/** A new store on a new fake IndexedDB: nothing leaks between tests. */
export function freshDb(factory: IDBFactory = new IDBFactory()): InnboxDb {
  databases += 1
  return new InnboxDb(`innbox-test-${databases}`, { indexedDB: factory, IDBKeyRange })
}

export function property(id: string, overrides: Partial<Property> = {}): Property {
  return {
    property_id: id,
    name: `Hotel ${id}`,
    time_zone: 'Europe/Lisbon',
    checkout_time: '11:00',
    links_disabled: false,
    approved_links: [],
    ...overrides,
  }
}

export function reservation(
  id: string,
  {
    propertyId,
    conversationId,
    ...overrides
  }: Partial<Reservation> & {
    propertyId: string
    conversationId: string
  },
): Reservation {
  return {
    reservation_id: id,
    conversation_id: conversationId,
    property_id: propertyId,
    guest_name: `Guest ${id}`,
    guest_language: 'en',
    booked_at: iso(T0 - 30 * DAY),
    checkin: '2025-03-10',
    checkout: '2025-03-12',
    status: 'confirmed',
    cancelled_at: null,
    conversation_type: 'reservation',
    ...overrides,
  }
}

export interface MessageInput {
  id: string
  conversationId: string
  propertyId?: string
  from?: 'guest' | 'property'
  at?: number
  content?: string
  attachmentIds?: string[]
}

export function message({
  id,
  conversationId,
  propertyId,
  from = 'guest',
  at = T0,
  content = `text of ${id}`,
  attachmentIds = [],
}: MessageInput): Message {
  return {
    message_id: id,
    content,
    timestamp: iso(at),
    sender: {
      participant_id: from === 'guest' ? `guest-${conversationId}` : `property-${propertyId}`,
      metadata: { participant_type: from },
    },
    conversation: {
      conversation_id: conversationId,
      conversation_type: 'reservation',
      conversation_reference: `r-${conversationId}`,
      property_id: propertyId,
    },
    attachment_ids: attachmentIds,
    attributes: undefined,
  }
}

export function conversation(
  id: string,
  propertyId: string,
  messages: Message[] = [],
  overrides: Partial<Conversation> = {},
): Conversation {
  return {
    conversation_id: id,
    conversation_type: 'reservation',
    conversation_reference: `r-${id}`,
    property_id: propertyId,
    participants: [
      { participant_id: `property-${propertyId}`, metadata: { participant_type: 'property' } },
      {
        participant_id: `guest-${id}`,
        metadata: { participant_type: 'guest', name: `Guest ${id}` },
      },
    ],
    tags: {},
    messages,
    ...overrides,
  }
}
