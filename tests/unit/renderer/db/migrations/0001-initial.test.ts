import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import { SCHEMA_VERSION } from '@/db'
import { freshDb } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

function indexesOf(db: Dexie, table: string): string[] {
  return db.table(table).schema.indexes.map((index) => index.name)
}

describe('migration 0001: the initial store', () => {
  it('creates every table of the issue with the indexes the screens need', async () => {
    const db = new Dexie('v1-only', { indexedDB: new IDBFactory(), IDBKeyRange })
    opened.push(db)
    db.version(initial.version).stores(initial.stores)
    await db.open()
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'attachments',
        'conversations',
        'drafts',
        'messages',
        'outbox',
        'properties',
        'reservations',
        'settings',
        'syncState',
        'templates',
        'translations',
      ].sort(),
    )
    expect(indexesOf(db, 'conversations')).toEqual(
      expect.arrayContaining([
        '[propertyId+lastActivityAt]',
        '[needsReply+replyDeadline]',
        '[propertyId+needsReply+replyDeadline]',
        '[propertyId+checkin]',
        'readClosesAt',
      ]),
    )
    expect(indexesOf(db, 'messages')).toContain('[conversationId+timestamp]')
    expect(indexesOf(db, 'reservations')).toContain('[propertyId+checkin]')
    expect(indexesOf(db, 'outbox')).toEqual(
      expect.arrayContaining(['seq', 'state', '[conversationId+seq]']),
    )
    expect(db.table('outbox').schema.idxByName.seq?.unique).toBe(true)
  })

  it('is the first version of the current schema, which opens at the latest version', async () => {
    const db = freshDb()
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(db.tables.map((t) => t.name)).toContain('counters')
  })
})
