import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  deleteTemplate,
  enqueueSend,
  expireQueuedScheduledSends,
  importTemplates,
  listRules,
  listTemplates,
  markSending,
  messageOrigins,
  previewReservations,
  readDraft,
  readPropertyFacts,
  recordScheduledSend,
  saveDraft,
  savePropertyFacts,
  saveRule,
  saveTemplate,
  writeProperties,
  writeReservations,
  type InnboxDb,
  type MessageOrigin,
  type ScheduledSendDecision,
} from '@/db'
import { scheduledSendKey } from '@shared/templates'
import { DAY, T0, freshDb, property, reservation } from './builders'
import { facts, rule, template } from './template-builders'

let db: InnboxDb
beforeEach(() => {
  db = freshDb()
})
afterEach(() => db.close())

const origin: MessageOrigin = {
  templateId: 't1',
  templateName: 'Parking',
  ruleId: 'r1',
  trigger: { kind: 'beforeCheckIn', days: 2, at: '10:00' },
}

function decision(overrides: Partial<ScheduledSendDecision> = {}): ScheduledSendDecision {
  return {
    entry: {
      key: scheduledSendKey('r1', 'res1'),
      ruleId: 'r1',
      templateId: 't1',
      reservationId: 'res1',
      propertyId: 'p1',
      conversationId: 'c1',
      dueAt: T0,
      expiresAt: T0 + DAY,
    },
    outcome: { status: 'sent', content: 'Park at the back.' },
    origin,
    decidedBy: 'scheduler',
    ...overrides,
  }
}

describe('templates and rules', () => {
  it('are listed by name, saved as written, and a deleted template takes its rules along', async () => {
    await saveTemplate(db, template('t1', { name: 'Wi-Fi' }), T0)
    await saveTemplate(db, template('t2', { name: 'Check-in', active: false }), T0)
    await saveRule(db, rule('r1', 't1'), T0)
    await saveRule(db, rule('r2', 't2'), T0 + 1)
    expect((await listTemplates(db)).map((t) => t.name)).toEqual(['Check-in', 'Wi-Fi'])
    await deleteTemplate(db, 't1')
    expect((await listTemplates(db)).map((t) => t.id)).toEqual(['t2'])
    expect((await listRules(db)).map((r) => r.ruleId)).toEqual(['r2'])
  })

  it('count a rule from when it was made, switched on or retimed, not from a rename', async () => {
    await saveRule(db, rule('r1', 't1'), T0)
    await saveRule(db, rule('r1', 't1', { mode: 'draft' }), T0 + 1)
    expect((await listRules(db))[0]?.activeSince).toBe(T0)
    await saveRule(db, rule('r1', 't1', { enabled: false }), T0 + 2)
    await saveRule(db, rule('r1', 't1', { enabled: true }), T0 + 3)
    expect((await listRules(db))[0]?.activeSince).toBe(T0 + 3)
    await saveRule(db, rule('r1', 't1', { trigger: { kind: 'onCheckInDay', at: '09:00' } }), T0 + 4)
    expect((await listRules(db))[0]?.activeSince).toBe(T0 + 4)
  })

  it('are imported all at once, replacing those with the same ids', async () => {
    await saveTemplate(db, template('t1', { name: 'Old' }), T0)
    await importTemplates(
      db,
      [template('t1', { name: 'New' }), template('t2')],
      [rule('r1', 't2')],
      T0 + DAY,
    )
    expect((await listTemplates(db)).map((t) => t.name)).toEqual(['New', 'Template t2'])
    expect((await listRules(db))[0]).toMatchObject({ ruleId: 'r1', activeSince: T0 + DAY })
  })
})

describe('property facts', () => {
  it('are read back per property, or null when none were written', async () => {
    expect(await readPropertyFacts(db, 'p1')).toBeNull()
    await savePropertyFacts(
      db,
      facts('p1', { parking: { default: 'Behind', byLanguage: { ru: 'Сзади' } } }),
      T0,
    )
    expect(await readPropertyFacts(db, 'p1')).toMatchObject({
      parking: { byLanguage: { ru: 'Сзади' } },
    })
  })
})

describe('recording a scheduled send', () => {
  it('queues the message under the idempotency key with its origin, and keeps staff drafts', async () => {
    await saveDraft(db, 'c1', 'Dear guest, I was about to', T0)
    const record = await recordScheduledSend(db, decision(), T0 + 5)
    expect(record).toMatchObject({ status: 'sent', skip: null, decidedAt: T0 + 5 })
    const outbox = await db.outbox.get(scheduledSendKey('r1', 'res1'))
    expect(outbox).toMatchObject({
      state: 'queued',
      origin,
      action: { content: 'Park at the back.' },
    })
    expect((await readDraft(db, 'c1'))?.text).toBe('Dear guest, I was about to')
  })

  it('happens once: a second decision for the same key changes nothing', async () => {
    expect(await recordScheduledSend(db, decision(), T0)).not.toBeNull()
    expect(
      await recordScheduledSend(
        db,
        decision({ outcome: { status: 'sent', content: 'Again' } }),
        T0 + 1,
      ),
    ).toBeNull()
    expect(await db.outbox.count()).toBe(1)
    expect((await db.outbox.toArray())[0]?.action).toMatchObject({ content: 'Park at the back.' })
  })

  it('happens once when two windows decide at the same time', async () => {
    const [a, b] = await Promise.all([
      recordScheduledSend(db, decision(), T0),
      recordScheduledSend(db, decision(), T0),
    ])
    expect([a, b].filter((r) => r !== null)).toHaveLength(1)
    expect(await db.outbox.count()).toBe(1)
  })

  it('lets staff send one that was skipped, never one that was sent', async () => {
    await recordScheduledSend(
      db,
      decision({
        outcome: { status: 'skipped', skip: { reason: 'missingValues', keys: ['facts.parking'] } },
      }),
      T0,
    )
    expect(await recordScheduledSend(db, decision(), T0 + 1)).toBeNull()
    expect(await recordScheduledSend(db, decision({ decidedBy: 'staff' }), T0 + 2)).toMatchObject({
      status: 'sent',
      decidedBy: 'staff',
    })
    expect(
      await recordScheduledSend(
        db,
        decision({
          decidedBy: 'staff',
          outcome: { status: 'skipped', skip: { reason: 'byStaff' } },
        }),
        T0 + 3,
      ),
    ).toBeNull()
  })

  it('prepares a draft with its origin, unless staff are already writing there', async () => {
    const drafted = decision({ outcome: { status: 'drafted', content: 'See you soon' } })
    expect(await recordScheduledSend(db, drafted, T0)).toMatchObject({ status: 'drafted' })
    expect(await readDraft(db, 'c1')).toMatchObject({ text: 'See you soon', origin })
    const other = decision({
      entry: { ...drafted.entry, key: scheduledSendKey('r2', 'res1'), ruleId: 'r2' },
      outcome: { status: 'drafted', content: 'Another' },
    })
    expect(await recordScheduledSend(db, other, T0 + 1)).toMatchObject({
      status: 'skipped',
      skip: { reason: 'draftInUse' },
    })
    expect((await readDraft(db, 'c1'))?.text).toBe('See you soon')
  })

  it('takes a queued message back once it expired, but not one already being sent', async () => {
    await recordScheduledSend(db, decision(), T0)
    const other = decision({ entry: { ...decision().entry, key: 'k2', ruleId: 'r2' } })
    await recordScheduledSend(db, other, T0)
    await markSending(db, 'k2', T0 + 1)
    const records = await db.scheduledSends.toArray()
    expect(await expireQueuedScheduledSends(db, records, T0 + DAY - 1)).toBe(0)
    expect(await expireQueuedScheduledSends(db, records, T0 + DAY)).toBe(1)
    expect(await db.outbox.get(scheduledSendKey('r1', 'res1'))).toBeUndefined()
    expect(await db.scheduledSends.get(scheduledSendKey('r1', 'res1'))).toMatchObject({
      status: 'expired',
    })
    expect(await db.outbox.get('k2')).toMatchObject({ state: 'sending' })
  })
})

describe('the audit trail and the preview reservations', () => {
  it('tells which messages of a conversation a template wrote', async () => {
    await enqueueSend(
      db,
      { propertyId: 'p1', conversationId: 'c1', content: 'By hand' },
      { now: T0, id: 'o1' },
    )
    await enqueueSend(
      db,
      { propertyId: 'p1', conversationId: 'c1', content: 'From a template' },
      { now: T0, id: 'o2', origin: { ...origin, ruleId: null, trigger: null } },
    )
    expect(await messageOrigins(db, 'c1')).toEqual([
      { outboxId: 'o2', messageId: null, origin: { ...origin, ruleId: null, trigger: null } },
    ])
  })

  it('lists writable, not cancelled stays of the chosen properties, soonest first, by name', async () => {
    await writeProperties(db, [property('p1'), property('p2')])
    await writeReservations(db, 'p1', [
      reservation('a', {
        propertyId: 'p1',
        conversationId: 'ca',
        guest_name: 'Анна Попова',
        checkin: '2025-03-05',
        checkout: '2025-03-07',
      }),
      reservation('b', {
        propertyId: 'p1',
        conversationId: 'cb',
        checkin: '2025-03-02',
        checkout: '2025-03-04',
      }),
      reservation('old', {
        propertyId: 'p1',
        conversationId: 'co',
        checkin: '2025-01-02',
        checkout: '2025-01-04',
      }),
      reservation('x', {
        propertyId: 'p1',
        conversationId: 'cx',
        checkin: '2025-03-03',
        checkout: '2025-03-04',
        status: 'cancelled',
        cancelled_at: '2025-02-01T00:00:00.000Z',
      }),
    ])
    await writeReservations(db, 'p2', [
      reservation('c', {
        propertyId: 'p2',
        conversationId: 'cc',
        checkin: '2025-03-01',
        checkout: '2025-03-02',
      }),
    ])
    const query = { propertyIds: ['p1'], search: '', from: '2025-03-01', limit: 10 }
    expect((await previewReservations(db, query)).map((r) => r.reservationId)).toEqual(['b', 'a'])
    expect(
      (await previewReservations(db, { ...query, propertyIds: [] })).map((r) => r.reservationId),
    ).toEqual(['c', 'b', 'a'])
    expect(
      (await previewReservations(db, { ...query, search: 'анна' })).map((r) => r.reservationId),
    ).toEqual(['a'])
  })
})
