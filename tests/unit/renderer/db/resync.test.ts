import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyConversationUpdates,
  enqueueSend,
  InnboxDb,
  markSending,
  saveDraft,
  savePropertyFacts,
  saveRule,
  saveTemplate,
  writeProperties,
  type OutboxRecord,
} from '@/db'
import { RESYNC_BACKUP_DB, isOutboxRecord, resyncStore } from '@/db/resync'
import { T0, message, property } from './builders'
import { facts, rule, template } from './template-builders'

// "Resync" starts the store again from the platform; what only this desk holds must survive,
// above all the outbox: an unsent message is never lost (ARCHITECTURE.md, "Push").

let factory: IDBFactory
const name = 'innbox-resync-test'
const dexie = () => ({ indexedDB: factory, IDBKeyRange })
const open = () => new InnboxDb(name, dexie())

async function fill(): Promise<OutboxRecord[]> {
  const db = open()
  await writeProperties(db, [property('p1')])
  await applyConversationUpdates(db, [
    {
      conversationId: 'c1',
      messages: [message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })],
    },
  ])
  const queued = await enqueueSend(
    db,
    { propertyId: 'p1', conversationId: 'c1', content: 'On our way' },
    { now: T0, id: 'o1' },
  )
  const sending = await enqueueSend(
    db,
    { propertyId: 'p1', conversationId: 'c1', content: 'Second' },
    { now: T0 + 1, id: 'o2' },
  )
  await markSending(db, sending.id, T0 + 2)
  await saveDraft(db, 'c1', 'Dear guest,', T0)
  await saveTemplate(db, template('t1', { name: 'Welcome' }), T0)
  await saveRule(db, rule('r1', 't1'), T0)
  await savePropertyFacts(db, facts('p1', { checkInFrom: '14:00' }), T0)
  await db.scheduledSends.put({
    key: 'scheduled:r1:res1',
    ruleId: 'r1',
    templateId: 't1',
    reservationId: 'res1',
    propertyId: 'p1',
    conversationId: 'c1',
    status: 'skipped',
    skip: { reason: 'byStaff' },
    dueAt: T0,
    expiresAt: T0 + 1,
    decidedAt: T0,
    decidedBy: 'staff',
  })
  await db.settings.put({ key: 'notifications', value: { p1: false } })
  const outbox = await db.outbox.toArray()
  db.close()
  expect(queued.state).toBe('queued')
  return outbox
}

beforeEach(() => {
  factory = new IDBFactory()
})
afterEach(async () => {
  const databases = await factory.databases()
  expect(databases.map((d) => d.name)).not.toContain(RESYNC_BACKUP_DB)
})

describe('resync', () => {
  it('empties what the platform will send again and keeps the outbox, drafts, templates, rules, facts, scheduled sends and settings', async () => {
    const outbox = await fill()
    const outcome = await resyncStore({ name, dexie: dexie() })
    expect(outcome).toEqual({ ok: true, keptOutbox: 2, keptDrafts: 1 })
    const db = open()
    expect(await db.conversations.count()).toBe(0)
    expect(await db.messages.count()).toBe(0)
    expect(await db.properties.count()).toBe(0)
    expect(await db.counters.count()).toBe(0)
    expect(await db.outbox.toArray()).toEqual(outbox)
    expect((await db.drafts.get('c1'))?.text).toBe('Dear guest,')
    expect(await db.templates.get('t1')).toMatchObject({ template: { name: 'Welcome' } })
    expect(await db.scheduleRules.get('r1')).toMatchObject({ templateId: 't1' })
    expect(await db.propertyFacts.get('p1')).toMatchObject({ facts: { checkInFrom: '14:00' } })
    expect(await db.scheduledSends.get('scheduled:r1:res1')).toMatchObject({ status: 'skipped' })
    expect(await db.settings.get('notifications')).toEqual({
      key: 'notifications',
      value: { p1: false },
    })
    db.close()
  })

  it('opens a store written by a newer Innbox without losing its unsent messages', async () => {
    const outbox = await fill()
    // A newer Innbox raised the version and added a table of its own.
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(name, 990)
      request.onupgradeneeded = () => request.result.createObjectStore('futureThings')
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })
    const outcome = await resyncStore({ name, dexie: dexie() })
    expect(outcome.ok).toBe(true)
    const db = open()
    await db.open()
    expect(db.verno).toBeLessThan(99)
    expect(await db.outbox.toArray()).toEqual(outbox)
    db.close()
  })

  it('carries templates of a version 1 store over in the current shape', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(name, 10)
      request.onupgradeneeded = () => {
        request.result.createObjectStore('templates', { keyPath: 'templateId' })
        request.result.createObjectStore('outbox', { keyPath: 'id' })
      }
      request.onsuccess = () => {
        const raw = request.result
        const tx = raw.transaction('templates', 'readwrite')
        tx.objectStore('templates').put({
          templateId: 'old',
          propertyId: 'p1',
          name: 'Parking',
          body: 'Park at the back.',
          updatedAt: T0,
        })
        tx.oncomplete = () => {
          raw.close()
          resolve()
        }
      }
      request.onerror = () => reject(request.error)
    })
    const outcome = await resyncStore({ name, dexie: dexie() })
    expect(outcome).toMatchObject({ ok: true })
    const db = open()
    expect((await db.templates.get('old'))?.template).toEqual({
      id: 'old',
      name: 'Parking',
      topic: 'other',
      propertyIds: ['p1'],
      defaultLanguage: 'en',
      variants: [{ language: 'en', body: 'Park at the back.' }],
      active: false,
    })
    db.close()
  })

  it('refuses, and deletes nothing, when an unsent record is of a shape it cannot read', async () => {
    await fill()
    const db = open()
    await db.outbox.put({
      id: 'o9',
      seq: 9,
      state: 'queued',
      action: { kind: 'sendVoice' },
    } as never)
    db.close()
    const outcome = await resyncStore({ name, dexie: dexie() })
    expect(outcome).toMatchObject({ ok: false, reason: 'unrecognised_outbox' })
    const again = open()
    expect(await again.outbox.count()).toBe(3)
    expect(await again.conversations.count()).toBe(1)
    again.close()
  })

  it('takes back the records of a resync that was interrupted after the store was deleted', async () => {
    const outbox = await fill()
    // A first resync wrote its backup and deleted the store, then the app died.
    const backup = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(RESYNC_BACKUP_DB, 1)
      request.onupgradeneeded = () => request.result.createObjectStore('carried')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const tx = backup.transaction('carried', 'readwrite')
    tx.objectStore('carried').put({ outbox, drafts: [], templates: [], settings: [] }, 'carried')
    await new Promise((resolve) => (tx.oncomplete = resolve))
    backup.close()
    await new Promise((resolve) => (factory.deleteDatabase(name).onsuccess = resolve))

    const outcome = await resyncStore({ name, dexie: dexie() })
    expect(outcome).toMatchObject({ ok: true, keptOutbox: 2 })
    const db = open()
    expect(await db.outbox.toArray()).toEqual(outbox)
    db.close()
  })

  it('recognises the outbox records it can carry', () => {
    const record = {
      id: 'o1',
      seq: 1,
      propertyId: 'p1',
      conversationId: 'c1',
      state: 'failed',
      action: { kind: 'markRead', messageIds: [], participantId: 'x' },
    }
    expect(isOutboxRecord(record)).toBe(true)
    expect(isOutboxRecord({ ...record, state: 'teleported' })).toBe(false)
    expect(isOutboxRecord({ ...record, seq: '1' })).toBe(false)
    expect(isOutboxRecord(null)).toBe(false)
  })
})
