import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import { deriveConversation, InnboxDb, type ConversationRecord, type MessageRecord } from '@/db'
import { T0 } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

function row(
  id: string,
  propertyId: string,
  guestMessages: number,
  read: number,
): ConversationRecord {
  const messages: MessageRecord[] = Array.from({ length: guestMessages }, (_, i) => ({
    messageId: `${id}-m${i}`,
    conversationId: id,
    timestamp: T0 + i,
    sender: 'guest',
    read: i < read ? 1 : 0,
    provisional: 0,
    message: {
      message_id: `${id}-m${i}`,
      content: 'hi',
      timestamp: new Date(T0 + i).toISOString(),
      sender: { participant_id: 'g', metadata: { participant_type: 'guest' } },
      conversation: { conversation_id: id, conversation_type: 'reservation' },
      attachment_ids: [],
      attributes: undefined,
    },
  }))
  const base = {
    conversationId: id,
    propertyId,
    conversationType: 'reservation' as const,
    reservationId: null,
    participants: [],
    platformTags: {},
    tags: {},
    hydrated: 1 as const,
  }
  return deriveConversation(base, messages, { property: undefined, reservation: undefined })
}

describe('migration 0002: maintained counters', () => {
  it("backfills each property's counters from the conversations a version 1 store holds", async () => {
    const factory = new IDBFactory()
    const v1 = new Dexie('upgrade-me', { indexedDB: factory, IDBKeyRange })
    v1.version(initial.version).stores(initial.stores)
    await v1
      .table('conversations')
      .bulkAdd([
        row('a', 'p1', 2, 0),
        row('b', 'p1', 1, 1),
        row('c', 'p1', 0, 0),
        row('d', 'p2', 3, 1),
      ])
    v1.close()

    const db = new InnboxDb('upgrade-me', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    expect(await db.counters.toArray()).toEqual([
      {
        propertyId: 'p1',
        conversations: 3,
        unreadConversations: 1,
        unreadMessages: 2,
        needsReply: 2,
      },
      {
        propertyId: 'p2',
        conversations: 1,
        unreadConversations: 1,
        unreadMessages: 2,
        needsReply: 1,
      },
    ])
    expect(await db.conversations.count()).toBe(4)
  })

  it('leaves no counters for an empty store', async () => {
    const factory = new IDBFactory()
    const v1 = new Dexie('empty', { indexedDB: factory, IDBKeyRange })
    v1.version(initial.version).stores(initial.stores)
    await v1.open()
    v1.close()
    const db = new InnboxDb('empty', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    expect(await db.counters.count()).toBe(0)
  })
})
