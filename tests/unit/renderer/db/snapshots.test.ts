import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InnboxDb } from '@/db'
import { snapshotDbName, snapshotSlot } from '@/db/snapshots'
import { STORE_ID_KEY } from '@/db/store-identity'
import { freshDb, T0 } from './builders'

let db: InnboxDb
let factory: IDBFactory
let now = T0
const clock = () => now
const open = (format = 1) =>
  snapshotSlot<{ words: string[] }>(db, 'search', {
    format,
    maxAgeMs: 1_000,
    clock,
  })

beforeEach(async () => {
  now = T0
  factory = new IDBFactory()
  db = freshDb(factory)
  await db.settings.put({ key: STORE_ID_KEY, value: 'store-a' })
})
afterEach(() => db.close())

describe('a snapshot beside the store', () => {
  it('gives back what was saved, in a database of its own', async () => {
    const slot = open()
    expect(await slot.load()).toBeNull()
    expect(await slot.save({ words: ['parking', 'hotel'] })).toBe(true)
    expect(await open().load()).toEqual({ words: ['parking', 'hotel'] })
    const names = await factory.databases()
    expect(names.map((found) => found.name)).toContain(snapshotDbName(db))
    slot.close()
  })

  it('is not used when of another format, too old, or from the future', async () => {
    await open().save({ words: ['a'] })
    expect(await open(2).load()).toBeNull()
    now = T0 + 1_001
    expect(await open().load()).toBeNull()
    now = T0 - 1
    expect(await open().load()).toBeNull()
  })

  it('is not used by a store deleted and made anew (another identity), nor saved without one', async () => {
    await open().save({ words: ['a'] })
    await db.settings.put({ key: STORE_ID_KEY, value: 'store-b' })
    expect(await open().load()).toBeNull()
    await db.settings.delete(STORE_ID_KEY)
    expect(await open().save({ words: ['b'] })).toBe(false)
    expect(await open().load()).toBeNull()
  })

  it('says a save failed rather than throwing (a full disk loses nothing)', async () => {
    const slot = open()
    // A value that cannot be stored: functions do not clone.
    expect(await slot.save({ words: [], nope: () => 1 } as never)).toBe(false)
    expect(await slot.load()).toBeNull()
  })
})
