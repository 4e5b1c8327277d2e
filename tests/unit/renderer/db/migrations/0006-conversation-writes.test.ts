import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import * as maintainedCounters from '@/db/migrations/0002-maintained-counters'
import * as templatesAndSchedules from '@/db/migrations/0003-templates-and-schedules'
import * as leanIndexes from '@/db/migrations/0004-lean-indexes'
import * as notificationIndex from '@/db/migrations/0005-notification-index'
import { applyConversationUpdates, InnboxDb, purgeConversations, SCHEMA_VERSION } from '@/db'
import { conversationsWrittenAfter, latestDeletion, latestWrite } from '@/db/conversation-writes'
import { T0, message } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

const update = (id: string, at: number) => ({
  conversationId: id,
  messages: [message({ id: `${id}-${at}`, conversationId: id, propertyId: 'p1', at })],
})

describe('migration 0006: conversation write numbers', () => {
  it('adds the index and writes no row: rows from before are numbered when next written', async () => {
    const factory = new IDBFactory()
    const v5 = new Dexie('writes', { indexedDB: factory, IDBKeyRange })
    v5.version(initial.version).stores(initial.stores)
    v5.version(maintainedCounters.version).stores(maintainedCounters.stores)
    v5.version(templatesAndSchedules.version).stores(templatesAndSchedules.stores)
    v5.version(leanIndexes.version).stores(leanIndexes.stores)
    v5.version(notificationIndex.version).stores(notificationIndex.stores)
    await v5.open()
    const row = { conversationId: 'old', propertyId: 'p1', lastActivityAt: 10 }
    await v5.table('conversations').add(row)
    v5.close()

    const db = new InnboxDb('writes', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(db.conversations.schema.idxByName.written).toBeDefined()
    expect(await db.conversations.get('old')).toEqual(row)
    expect(await latestWrite(db)).toBe(0)
    expect(await conversationsWrittenAfter(db, 0)).toEqual([])

    await applyConversationUpdates(db, [update('old', T0)])
    expect(await latestWrite(db)).toBe(1)
    expect((await conversationsWrittenAfter(db, 0)).map((r) => r.conversationId)).toEqual(['old'])
  })
})

describe('conversation write numbers', () => {
  it('number each write once, follow the commits, and never give a number twice', async () => {
    const db = new InnboxDb('numbers', { indexedDB: new IDBFactory(), IDBKeyRange })
    opened.push(db)
    await db.open()
    // Side by side: read-write transactions on the counter run one after the other.
    await Promise.all([
      applyConversationUpdates(db, [update('a', T0), update('b', T0)]),
      applyConversationUpdates(db, [update('c', T0)]),
    ])
    const numbers = async () =>
      Object.fromEntries(
        (await db.conversations.toArray()).map((r) => [r.conversationId, r.written]),
      )
    const first = await numbers()
    expect(first.a).toBe(first.b)
    expect(new Set(Object.values(first))).toEqual(new Set([1, 2]))
    expect((await conversationsWrittenAfter(db, first.c!)).length).toBe(first.c === 1 ? 2 : 0)

    expect(await latestDeletion(db)).toBe(0)
    // The rows of the last write purged: the deletion takes a number, the next write a new one.
    await applyConversationUpdates(db, [update('d', T0 + 1)])
    await purgeConversations(db, ['d'], T0)
    expect(await db.conversations.get('d')).toBeUndefined()
    expect(await latestDeletion(db)).toBe(4)
    await applyConversationUpdates(db, [update('e', T0 + 2)])
    expect((await db.conversations.get('e'))?.written).toBe(5)
    expect(await latestWrite(db)).toBe(5)
    expect((await conversationsWrittenAfter(db, 3)).map((r) => r.conversationId)).toEqual(['e'])
  })
})
