import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import * as maintainedCounters from '@/db/migrations/0002-maintained-counters'
import * as templatesAndSchedules from '@/db/migrations/0003-templates-and-schedules'
import * as leanIndexes from '@/db/migrations/0004-lean-indexes'
import { applyConversationUpdates, InnboxDb, SCHEMA_VERSION } from '@/db'
import { T0, message } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

describe('migration 0005: notification index', () => {
  it('adds the index and writes no row: rows from before join it when next written', async () => {
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
    expect(db.conversations.schema.idxByName.unreadGuestAt).toBeDefined()
    // Rows are left as they were: an upgrade reading every conversation would gain no
    // notification (what is stored at start is taken as seen).
    expect(await db.conversations.where('unreadGuestAt').aboveOrEqual(0).count()).toBe(0)
    expect(await db.conversations.get('waiting')).toEqual(row('waiting', 'guest', 2))
    // The write path fills it in: a guest message in a conversation from before.
    await applyConversationUpdates(db, [
      {
        conversationId: 'waiting',
        messages: [message({ id: 'm9', conversationId: 'waiting', propertyId: 'p1', at: T0 })],
      },
    ])
    expect(await db.conversations.where('unreadGuestAt').aboveOrEqual(0).primaryKeys()).toEqual([
      'waiting',
    ])
    expect((await db.conversations.get('waiting'))?.unreadGuestAt).toBe(T0)
    expect(await db.conversations.count()).toBe(3)
  })
})
