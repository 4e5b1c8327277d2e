import { IDBKeyRange, type IDBFactory } from 'fake-indexeddb'
import {
  applyConversationUpdates,
  InnboxDb,
  writeProperties,
  writeReservations,
  type ConversationFacts,
} from '@/db'
import type { Message, Property, Reservation } from '@shared/platform'
import { DAY, HOUR, T0, iso, message, property, reservation } from '../../db/builders'

// A desk's store holding one property with one or more conversations, for the conversation
// view's stores and components. Now is T0 (2025-03-01 10:00 UTC); the stay is 10–12 March.

export { DAY, HOUR, T0, iso, message }

export interface WorldOptions {
  property?: Partial<Property>
  reservation?: Partial<Reservation>
  conversationType?: 'reservation' | 'request_to_book'
  messages?: Message[]
  conversationId?: string
  /** Leave the reservation out: the desk does not know it yet. */
  withoutReservation?: boolean
}

let count = 0

export function openDb(factory: IDBFactory, name?: string): InnboxDb {
  count += 1
  return new InnboxDb(name ?? `conversation-world-${count}`, { indexedDB: factory, IDBKeyRange })
}

export async function addConversation(db: InnboxDb, options: WorldOptions = {}): Promise<void> {
  const conversationId = options.conversationId ?? 'c1'
  const conversationType = options.conversationType ?? 'reservation'
  await writeProperties(db, [property('p1', options.property)])
  if (!options.withoutReservation) {
    await writeReservations(db, 'p1', [
      reservation(`r-${conversationId}`, {
        propertyId: 'p1',
        conversationId,
        guest_name: 'Maria Silva',
        guest_language: 'pt',
        conversation_type: conversationType,
        ...options.reservation,
      }),
    ])
  }
  const facts: ConversationFacts = {
    conversationType,
    reservationId: `r-${conversationId}`,
    participants: [
      { participant_id: 'property-p1', metadata: { participant_type: 'property' } },
      {
        participant_id: `guest-${conversationId}`,
        metadata: { participant_type: 'guest', name: 'Maria Silva' },
      },
    ],
    tags: {},
    hydrated: true,
  }
  await applyConversationUpdates(db, [
    {
      conversationId,
      propertyId: 'p1',
      facts,
      messages: (options.messages ?? []).map((m) => ({
        ...m,
        conversation: { ...m.conversation, conversation_type: conversationType },
      })),
    },
  ])
}

export function guestMessage(id: string, content: string, at = T0 - HOUR, conversationId = 'c1') {
  return message({ id, conversationId, propertyId: 'p1', from: 'guest', at, content })
}

export function propertyMessage(id: string, content: string, at = T0 - HOUR) {
  return message({ id, conversationId: 'c1', propertyId: 'p1', from: 'property', at, content })
}

/** Bytes that start like a JPEG, a PNG or a PDF, padded to `size`. */
export function bytesOf(kind: 'jpeg' | 'png' | 'pdf', size = 64): Uint8Array {
  const heads = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pdf: [...'%PDF-1.7'].map((c) => c.charCodeAt(0)),
  }
  const bytes = new Uint8Array(size)
  bytes.set(heads[kind])
  return bytes
}

export const inFuture = (days: number) => iso(T0 + days * DAY)
