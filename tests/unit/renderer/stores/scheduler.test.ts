import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readDraft, savePropertyFacts, saveRule, saveTemplate, type InnboxDb } from '@/db'
import { markSending, markSent } from '@/db/outbox-transitions'
import { scheduledSendKey } from '@shared/templates'
import { facts, rule, template } from '../db/template-builders'
import { addConversation, openDb, T0 } from '../features/conversation/world'

vi.mock('@/bridge', () => import('../features/conversation/fake-bridge'))
vi.mock('@/stores/inbox', () => import('../features/conversation/fake-inbox'))
const { useSchedulerStore } = await import('@/stores/scheduler')
const { useSyncStore } = await import('@/stores/sync')

// Maria Silva (Portuguese) stays at p1 (Lisbon) 10–12 March 2025; now is 1 March. A rule sends
// "Parking" 2 days before check-in at 10:00, property time: 8 March, 10:00 UTC.

const KEY = scheduledSendKey('r1', 'r-c1')
let db: InnboxDb

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory(), 'scheduler-store')
  await addConversation(db)
  await saveTemplate(
    db,
    template('t1', {
      name: 'Parking',
      variants: [
        { language: 'en', body: 'Parking: {{facts.parking}}' },
        { language: 'pt', body: 'Estacionamento: {{facts.parking}}' },
      ],
    }),
    T0,
  )
  await saveRule(db, rule('r1', 't1'), T0 - 1)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  db.close()
})

async function upcoming() {
  setActivePinia(createPinia())
  const sync = useSyncStore()
  sync.db = db
  const flush = vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
  const store = useSchedulerStore()
  await vi.waitFor(() => expect(store.stays).toHaveLength(1))
  const entry = () => store.stays[0]!.entries[0]!
  return { store, flush, entry }
}

describe('the Upcoming view', () => {
  it('lists each stay with its scheduled messages and when they go out', async () => {
    const { store, entry } = await upcoming()
    expect(store.stays[0]?.reservation.reservation.guest_name).toBe('Maria Silva')
    expect(entry().planned).toMatchObject({
      key: KEY,
      status: 'pending',
      dueAt: Date.parse('2025-03-08T10:00:00Z'),
      record: null,
    })
  })

  it('skips one for good: the scheduler will not send it', async () => {
    const { store, entry } = await upcoming()
    expect(await store.skip(entry().planned)).toMatchObject({
      status: 'skipped',
      skip: { reason: 'byStaff' },
      decidedBy: 'staff',
    })
    await vi.waitFor(() => expect(entry().planned.record?.status).toBe('skipped'))
  })

  it('sends one now, in the guest’s language, only once', async () => {
    await savePropertyFacts(db, facts('p1', { parking: { default: 'Behind', byLanguage: {} } }), T0)
    const { store, flush, entry } = await upcoming()
    expect(await store.sendNow(entry().planned)).toMatchObject({ status: 'sent' })
    expect(flush).toHaveBeenCalled()
    expect(await db.outbox.get(KEY)).toMatchObject({
      action: { content: 'Estacionamento: Behind' },
      origin: { ruleId: 'r1', templateName: 'Parking' },
    })
    await vi.waitFor(() => expect(entry().delivery).toBe('queued'))
    expect(await store.sendNow(entry().planned)).toBeNull()
    expect(await db.outbox.count()).toBe(1)
    // The outbox sends it: the view follows, with nothing else written meanwhile.
    await markSending(db, KEY, T0)
    await markSent(db, KEY, { now: T0, messageId: 'sent-1' })
    await vi.waitFor(() => expect(entry().delivery).toBe('sent'))
  })

  it('records why one could not be sent now (a missing value), and lets it be edited as a draft', async () => {
    const { store, entry } = await upcoming()
    expect(await store.sendNow(entry().planned)).toMatchObject({
      status: 'skipped',
      skip: { reason: 'missingValues', keys: ['facts.parking'] },
    })
    await savePropertyFacts(db, facts('p1', { parking: { default: 'Behind', byLanguage: {} } }), T0)
    await vi.waitFor(() => expect(entry().planned.record?.status).toBe('skipped'))
    expect(await store.edit(entry().planned)).toMatchObject({ status: 'drafted' })
    expect(await readDraft(db, 'c1')).toMatchObject({
      text: 'Estacionamento: Behind',
      origin: { ruleId: 'r1' },
    })
  })
})
