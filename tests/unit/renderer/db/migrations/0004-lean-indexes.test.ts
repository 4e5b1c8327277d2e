import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import * as maintainedCounters from '@/db/migrations/0002-maintained-counters'
import * as templatesAndSchedules from '@/db/migrations/0003-templates-and-schedules'
import {
  addReservationConversations,
  applyConversationUpdates,
  InnboxDb,
  SCHEMA_VERSION,
  writeProperties,
  writeReservations,
} from '@/db'
import { message, property, reservation } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

describe('migration 0004: lean indexes', () => {
  it('drops the unread indexes and keeps every row; reads by property still work', async () => {
    const factory = new IDBFactory()
    const v3 = new Dexie('lean', { indexedDB: factory, IDBKeyRange })
    v3.version(initial.version).stores(initial.stores)
    v3.version(maintainedCounters.version).stores(maintainedCounters.stores)
    v3.version(templatesAndSchedules.version).stores(templatesAndSchedules.stores)
    await v3.open()
    await v3.table('conversations').bulkAdd([
      { conversationId: 'c1', propertyId: 'p1', reservationId: 'r1', lastActivityAt: 1 },
      { conversationId: 'c2', propertyId: 'p2', reservationId: null, lastActivityAt: 2 },
    ])
    await v3
      .table('reservations')
      .add({ reservationId: 'r1', propertyId: 'p1', conversationId: 'c1', checkin: '2026-12-01' })
    v3.close()

    const db = new InnboxDb('lean', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    const indexes = (table: Dexie.Table) => table.schema.indexes.map((index) => index.name).sort()
    expect(indexes(db.conversations)).toEqual([
      '[needsReply+replyDeadline]',
      '[propertyId+lastActivityAt]',
      '[propertyId+needsReply+replyDeadline]',
      'hydrated',
      'readClosesAt',
      // Added by version 5 (notifications).
      'unreadGuestAt',
      // Added by version 6 (write numbers).
      'written',
    ])
    expect(indexes(db.reservations)).toEqual([
      '[propertyId+checkin]',
      '[propertyId+checkout]',
      'conversationId',
    ])
    expect(await db.conversations.count()).toBe(2)
    expect(await db.reservations.count()).toBe(1)
    // `where('propertyId')` is served by the compound indexes it prefixes.
    expect(await db.conversations.where('propertyId').equals('p1').primaryKeys()).toEqual(['c1'])
    expect(await db.reservations.where('propertyId').equals('p1').primaryKeys()).toEqual(['r1'])
  })

  it('serves the write path of a fresh store: a reservation without its conversation gets one', async () => {
    const db = new InnboxDb('lean-fresh', { indexedDB: new IDBFactory(), IDBKeyRange })
    opened.push(db)
    await writeProperties(db, [property('p1')])
    await writeReservations(
      db,
      'p1',
      [
        reservation('r1', { propertyId: 'p1', conversationId: 'c1' }),
        reservation('r2', { propertyId: 'p1', conversationId: 'c2' }),
      ],
      { createConversations: false },
    )
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })],
      },
    ])
    expect(await addReservationConversations(db, 'p1')).toBe(1)
    expect((await db.conversations.get('c2'))?.reservationId).toBe('r2')
  })
})
