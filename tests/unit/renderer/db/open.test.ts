import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { openInnboxDb, SCHEMA_VERSION } from '@/db'

const dexie = (factory: IDBFactory | object) => ({ indexedDB: factory as IDBFactory, IDBKeyRange })

function rawOpen(factory: IDBFactory, name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

describe('opening the store', () => {
  it('opens at the latest version and asks the browser to keep the data', async () => {
    const persist = vi.fn(async () => true)
    const result = await openInnboxDb({
      name: 'ok',
      dexie: dexie(new IDBFactory()),
      storage: { persist, persisted: async () => false },
    })
    expect(result).toMatchObject({ ok: true, persisted: true })
    expect(persist).toHaveBeenCalledOnce()
    if (result.ok) {
      expect(result.db.verno).toBe(SCHEMA_VERSION)
      result.db.close()
    }
  })

  it('does not ask again when storage is already persistent, and copes without the API', async () => {
    const persist = vi.fn(async () => true)
    const already = await openInnboxDb({
      name: 'p',
      dexie: dexie(new IDBFactory()),
      storage: { persist, persisted: async () => true },
    })
    expect(already).toMatchObject({ ok: true, persisted: true })
    expect(persist).not.toHaveBeenCalled()
    const none = await openInnboxDb({ name: 'n', dexie: dexie(new IDBFactory()), storage: null })
    expect(none).toMatchObject({ ok: true, persisted: null })
    for (const r of [already, none]) if (r.ok) r.db.close()
  })

  it('refuses a store written by a newer Innbox as cannot_open / version_too_new', async () => {
    const factory = new IDBFactory()
    ;(await rawOpen(factory, 'newer', (SCHEMA_VERSION + 5) * 10)).close()
    const result = await openInnboxDb({ name: 'newer', dexie: dexie(factory), storage: null })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'cannot_open', detail: { openCause: 'version_too_new' } },
    })
  })

  it('gives up as cannot_open / blocked when another window holds an older version open', async () => {
    const factory = new IDBFactory()
    const old = await rawOpen(factory, 'held', 10)
    // The old connection ignores the request to close, as a hung window would.
    old.onversionchange = () => {}
    const result = await openInnboxDb({
      name: 'held',
      dexie: dexie(factory),
      storage: null,
      blockedTimeoutMs: 20,
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'cannot_open', detail: { openCause: 'blocked' } },
    })
    old.close()
  })

  it('reports IndexedDB being unavailable and a full disk as typed failures', async () => {
    const refusing = (name: string) => ({
      open() {
        throw new DOMException('refused', name)
      },
      deleteDatabase() {},
    })
    expect(
      await openInnboxDb({ name: 'x', dexie: dexie(refusing('InvalidStateError')), storage: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'cannot_open', detail: { openCause: 'unavailable' } },
    })
    expect(
      await openInnboxDb({
        name: 'y',
        dexie: dexie(refusing('QuotaExceededError')),
        storage: null,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'quota_exceeded' },
    })
  })

  it('says an upgrade was interrupted, not that storage is off, and a second open upgrades', async () => {
    const factory = new IDBFactory()
    ;(await rawOpen(factory, 'old', 10)).close()
    // The first upgrade's versionchange transaction is aborted as soon as it starts.
    let interrupted = false
    const interrupting = {
      open(name: string, version?: number) {
        const request = factory.open(name, version)
        request.addEventListener('upgradeneeded', () => {
          if (interrupted) return
          interrupted = true
          request.transaction!.abort()
        })
        return request
      },
      deleteDatabase: (name: string) => factory.deleteDatabase(name),
      databases: () => factory.databases(),
      cmp: (a: unknown, b: unknown) => factory.cmp(a, b),
    }
    const failed = await openInnboxDb({ name: 'old', dexie: dexie(interrupting), storage: null })
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'cannot_open', detail: { openCause: 'upgrade_interrupted' } },
    })
    expect((await factory.databases()).find((d) => d.name === 'old')?.version).toBe(10)
    const again = await openInnboxDb({ name: 'old', dexie: dexie(interrupting), storage: null })
    expect(again).toMatchObject({ ok: true })
    if (again.ok) {
      expect(again.db.verno).toBe(SCHEMA_VERSION)
      again.db.close()
    }
  })

  it('keeps "unavailable" when there was no store to upgrade', async () => {
    const refusing = {
      open() {
        throw new DOMException('refused', 'InvalidStateError')
      },
      deleteDatabase() {},
      databases: async () => [],
    }
    expect(await openInnboxDb({ name: 'z', dexie: dexie(refusing), storage: null })).toMatchObject({
      ok: false,
      error: { detail: { openCause: 'unavailable' } },
    })
  })
})
