import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InnboxDb } from '@/db'
import { SnapshotSaver, snapshotDbName, snapshotSlot } from '@/db/snapshots'
import { STORE_ID_KEY } from '@/db/store-identity'
import { freshDb, T0 } from './builders'
import { memorySlot } from './memory-slot'

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

describe('when a snapshot is saved', () => {
  function saverOver(restored: boolean) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const slot = memorySlot<number>()
    let value = 1
    const saver = new SnapshotSaver({ slot, firstMs: 10_000, everyMs: 1_800_000 }, () => value)
    if (restored) saver.restored()
    return { slot, saver, next: () => (value += 1) }
  }
  afterEach(() => vi.useRealTimers())

  it('soon after a build, then at most every interval while it changes', async () => {
    const { slot, saver, next } = saverOver(false)
    saver.changed()
    await vi.advanceTimersByTimeAsync(9_999)
    expect(slot.saves).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(slot.saves).toBe(1)
    next()
    saver.changed()
    await vi.advanceTimersByTimeAsync(1_000_000)
    expect(slot.saves).toBe(1)
    await vi.advanceTimersByTimeAsync(800_000)
    expect(slot.saves).toBe(2)
    expect(slot.saved).toBe(2)
  })

  it('after a restore, not before the interval: the start catches up without rewriting it', async () => {
    const { slot, saver } = saverOver(true)
    saver.changed()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(slot.saves).toBe(0)
    await vi.advanceTimersByTimeAsync(1_740_000)
    expect(slot.saves).toBe(1)
  })
})
