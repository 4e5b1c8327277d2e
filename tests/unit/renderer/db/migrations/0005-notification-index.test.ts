import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import * as maintainedCounters from '@/db/migrations/0002-maintained-counters'
import * as templatesAndSchedules from '@/db/migrations/0003-templates-and-schedules'
import * as leanIndexes from '@/db/migrations/0004-lean-indexes'
import { InnboxDb, SCHEMA_VERSION } from '@/db'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

describe('migration 0005: notification index', () => {
  it('indexes the conversations whose latest message is an unread guest message, and only them', async () => {
    const factory = new IDBFactory()
    const v4 = new Dexie('notify', { indexedDB: factory, IDBKeyRange })
    v4.version(initial.version).stores(initial.stores)
    v4.version(maintainedCounters.version).stores(maintainedCounters.stores)
    v4.version(templatesAndSchedules.version).stores(templatesAndSchedules.stores)
    v4.version(leanIndexes.version).stores(leanIndexes.stores)
    await v4.open()
    const row = (id: string, lastSender: string, unreadCount: number) => ({
      conversationId: id,
      propertyId: 'p1',
      lastActivityAt: 10,
      lastSender,
      lastGuestMessageAt: 7,
      unreadCount,
    })
    await v4
      .table('conversations')
      .bulkAdd([
        row('waiting', 'guest', 2),
        row('answered', 'property', 1),
        row('read', 'guest', 0),
      ])
    v4.close()

    const db = new InnboxDb('notify', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(await db.conversations.where('unreadGuestAt').aboveOrEqual(0).primaryKeys()).toEqual([
      'waiting',
    ])
    expect((await db.conversations.get('waiting'))?.unreadGuestAt).toBe(7)
    // The others are left as they were: no field, no write.
    expect(await db.conversations.get('answered')).toEqual(row('answered', 'property', 1))
    expect(await db.conversations.get('read')).toEqual(row('read', 'guest', 0))
    expect(await db.conversations.count()).toBe(3)
  })
})
