import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  cancelOutboxRecord,
  enqueueSend,
  markFailed,
  markSending,
  outboxOf,
  readDraft,
  retryOutboxRecord,
  saveDraft,
  StoreError,
  type InnboxDb,
} from '@/db'
import { T0, freshDb } from './builders'

let db: InnboxDb
beforeEach(() => {
  db = freshDb()
})
afterEach(() => {
  vi.restoreAllMocks()
  db.close()
})

const c1 = { propertyId: 'p1', conversationId: 'c1' }

/** Makes IndexedDB refuse writes to one object store as a full disk would. */
function fillDiskFor(storeName: string) {
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method]
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<typeof original>
    ) {
      if (this.name === storeName) throw new DOMException('disk full', 'QuotaExceededError')
      return original.apply(this, args)
    })
  }
}

describe('the outbox', () => {
  it('writes every record in a strict-durability transaction before anything else happens', async () => {
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction')
    await enqueueSend(db, { ...c1, content: 'hello' }, { now: T0 })
    const writes = spy.mock.calls.filter(
      ([stores, mode]) => mode === 'readwrite' && [stores].flat().includes('outbox'),
    )
    expect(writes.length).toBeGreaterThan(0)
    for (const call of writes) expect(call[2]).toEqual({ durability: 'strict' })
  })

  it('keeps the order of creation with a sequence number and the id made on the desk', async () => {
    const a = await enqueueSend(db, { ...c1, content: 'a' }, { now: T0, id: 'client-a' })
    const b = await enqueueSend(db, { ...c1, content: 'b' }, { now: T0 - 5 })
    expect(a).toMatchObject({
      id: 'client-a',
      seq: 1,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: T0,
    })
    expect(b.seq).toBe(2)
    expect(b.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(
      (await outboxOf(db, 'c1')).map((r) => r.action.kind === 'send' && r.action.content),
    ).toEqual(['a', 'b'])
  })

  it('takes the draft away in the same transaction that queues the message', async () => {
    await saveDraft(db, 'c1', 'see you at 3', T0)
    await enqueueSend(db, { ...c1, content: 'see you at 3' }, { now: T0 })
    expect(await readDraft(db, 'c1')).toBeUndefined()
  })

  it('answers a full disk with a typed error, keeps the draft and loses nothing already queued', async () => {
    await enqueueSend(db, { ...c1, content: 'first' }, { now: T0 })
    await saveDraft(db, 'c1', 'second', T0)
    fillDiskFor('outbox')
    const failed = enqueueSend(db, { ...c1, content: 'second' }, { now: T0 })
    await expect(failed).rejects.toBeInstanceOf(StoreError)
    await expect(failed).rejects.toMatchObject({ code: 'quota_exceeded' })
    vi.restoreAllMocks()
    expect((await outboxOf(db, 'c1')).map((r) => r.state)).toEqual(['queued'])
    expect((await readDraft(db, 'c1'))?.text).toBe('second')
  })

  it('cannot cancel a record that is being sent', async () => {
    const record = await enqueueSend(db, { ...c1, content: 'x' }, { now: T0 })
    await markSending(db, record.id, T0)
    expect(await cancelOutboxRecord(db, record.id)).toEqual({ ok: false, state: 'sending' })
    expect(await cancelOutboxRecord(db, 'nope')).toEqual({ ok: false, state: 'missing' })
  })

  it('can cancel a failed record, and retries only failed ones behind newer records', async () => {
    const first = await enqueueSend(db, { ...c1, content: 'one' }, { now: T0 })
    await enqueueSend(db, { ...c1, content: 'two' }, { now: T0 })
    expect(await retryOutboxRecord(db, first.id, { now: T0 })).toBeNull()
    await markSending(db, first.id, T0)
    await markFailed(db, first.id, {
      now: T0,
      failure: { code: 'platform_refused', message: 'no', reasons: [] },
    })
    const retried = await retryOutboxRecord(db, first.id, { now: T0 + 1, content: 'one, edited' })
    expect(retried).toMatchObject({ seq: 3, state: 'queued', action: { content: 'one, edited' } })
    expect(await cancelOutboxRecord(db, first.id)).toEqual({ ok: true })
    expect((await outboxOf(db, 'c1')).map((r) => r.seq)).toEqual([2])
  })
})
