import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { InnboxDb, savePropertyFacts, saveRule, saveTemplate, type ScheduledSendRecord } from '@/db'
import { createSyncEngine, type SyncEngine } from '@/sync'
import type { Property, Reservation } from '@shared/platform'
import { scheduledSendKey, type RuleTrigger, type Template } from '@shared/templates'
import { message, property, reservation, T0 } from '../db/builders'
import { facts, rule, template } from '../db/template-builders'
import { createFakePlatform, fakeClock, type FakeClock, type FakePlatform } from './fake-platform'
import { manualEvent, manualTimers } from './timers'

// The scheduler through a stay, with the clock advanced as the sandbox's would be: Casa p1 in
// Lisbon (UTC+0 in March), a Russian guest booked a month ahead, staying 10–12 March 2025,
// check-in from 15:00, check-out until 11:00. T0 is 1 March, 10:00 UTC.

const PARKING: Template = template('t-parking', {
  name: 'Parking',
  topic: 'parking',
  variants: [
    { language: 'en', body: 'Hello {{guest.firstName}}, parking: {{facts.parking}}' },
    { language: 'ru', body: 'Здравствуйте, {{guest.firstName}}! Парковка: {{facts.parking}}' },
  ],
})
const RUSSIAN = 'Здравствуйте, Анна! Парковка: За отелем'

interface Desk {
  db: InnboxDb
  engine: SyncEngine
}

let clock: FakeClock
let platform: FakePlatform
let factory: IDBFactory
const desks: Desk[] = []

afterEach(async () => {
  for (const desk of desks.splice(0)) {
    await desk.engine.stop()
    desk.db.close()
  }
})

async function world({
  propertyOverrides = {},
  reservationOverrides = {},
  template: tpl = PARKING,
  triggers = [{ kind: 'beforeCheckIn', days: 2, at: '10:00' }],
  withParking = true,
}: {
  propertyOverrides?: Partial<Property>
  reservationOverrides?: Partial<Reservation>
  template?: Template
  triggers?: RuleTrigger[]
  withParking?: boolean
} = {}): Promise<Desk> {
  clock = fakeClock(T0)
  platform = createFakePlatform(clock)
  platform.addProperty(property('p1', propertyOverrides))
  platform.addConversation('c1', 'p1')
  platform.addReservation(
    reservation('res1', {
      propertyId: 'p1',
      conversationId: 'c1',
      guest_name: 'Анна Попова',
      guest_language: 'ru',
      ...reservationOverrides,
    }),
  )
  factory = new IDBFactory()
  const desk = openDesk()
  await saveTemplate(desk.db, tpl, T0)
  for (const [index, trigger] of triggers.entries()) {
    await saveRule(desk.db, rule(`rule-${index}`, tpl.id, { trigger }), T0)
  }
  const parking = { default: 'Behind the hotel', byLanguage: { ru: 'За отелем' } }
  await savePropertyFacts(
    desk.db,
    facts('p1', { checkInFrom: '15:00', ...(withParking ? { parking } : {}) }),
    T0,
  )
  return desk
}

/** A window of the desk: its own connection to the same store, its own engine. */
function openDesk(): Desk {
  const db = new InnboxDb('scheduled-sends', { indexedDB: factory, IDBKeyRange })
  const engine = createSyncEngine({
    db,
    port: platform.port,
    now: clock.now,
    timers: manualTimers().timers,
    onFocus: manualEvent().subscribe,
    onOnline: manualEvent().subscribe,
  })
  const desk = { db, engine }
  desks.push(desk)
  return desk
}

/** Moves the clock to `instant` and lets the desk run once, as its 30-second tick would. */
async function at(desk: Desk, instant: string): Promise<string[]> {
  clock.set(Date.parse(instant))
  await desk.engine.syncNow()
  return platform.sentTexts('c1')
}

const recordsOf = (db: InnboxDb): Promise<ScheduledSendRecord[]> =>
  db.scheduledSends.orderBy('key').toArray()

describe('scheduled sends through a stay', () => {
  it('sends each rule’s message exactly once, at its time, in the guest’s language', async () => {
    const desk = await world({
      triggers: [
        { kind: 'beforeCheckIn', days: 2, at: '10:00' },
        { kind: 'onCheckInDay', at: '09:00' },
        { kind: 'afterCheckOut', days: 1, at: '10:00' },
      ],
    })
    await desk.engine.start()
    expect(platform.sentTexts('c1')).toEqual([])
    expect(await at(desk, '2025-03-08T09:59:00Z')).toEqual([])
    expect(await at(desk, '2025-03-08T10:00:00Z')).toEqual([RUSSIAN])
    expect(await at(desk, '2025-03-08T10:00:30Z')).toEqual([RUSSIAN])
    expect(await at(desk, '2025-03-10T08:59:00Z')).toEqual([RUSSIAN])
    expect(await at(desk, '2025-03-10T09:00:00Z')).toEqual([RUSSIAN, RUSSIAN])
    expect(await at(desk, '2025-03-13T09:59:00Z')).toHaveLength(2)
    expect(await at(desk, '2025-03-13T10:00:00Z')).toHaveLength(3)
    expect(await at(desk, '2025-03-20T10:00:00Z')).toHaveLength(3)

    const records = await recordsOf(desk.db)
    expect(records.map((r) => [r.ruleId, r.status, r.dueAt])).toEqual([
      ['rule-0', 'sent', Date.parse('2025-03-08T10:00:00Z')],
      ['rule-1', 'sent', Date.parse('2025-03-10T09:00:00Z')],
      ['rule-2', 'sent', Date.parse('2025-03-13T10:00:00Z')],
    ])
    const outbox = await desk.db.outbox.get(scheduledSendKey('rule-0', 'res1'))
    expect(outbox).toMatchObject({
      state: 'sent',
      origin: { templateId: 't-parking', templateName: 'Parking', ruleId: 'rule-0' },
    })
  })

  it('picks the language from the guest’s messages when the booking has none', async () => {
    const desk = await world({ reservationOverrides: { guest_language: null } })
    platform.addConversation('c1', 'p1', [
      message({
        id: 'g1',
        conversationId: 'c1',
        propertyId: 'p1',
        at: T0 - 86_400_000,
        content: 'Добрый день, мы едем на машине. Есть ли парковка у отеля?',
      }),
    ])
    await desk.engine.start()
    expect(await at(desk, '2025-03-08T10:00:00Z')).toEqual([RUSSIAN])
  })

  it('catches up after the desk was closed, but never sends a before-check-in message after check-in', async () => {
    const desk = await world({
      triggers: [
        { kind: 'beforeCheckIn', days: 2, at: '10:00' },
        { kind: 'onCheckInDay', at: '09:00' },
      ],
    })
    await desk.engine.start()
    await desk.engine.stop()
    // Closed from 1 March until 16:00 on the check-in day, an hour after check-in.
    clock.set(Date.parse('2025-03-10T16:00:00Z'))
    const reopened = openDesk()
    await reopened.engine.start()
    expect(platform.sentTexts('c1')).toEqual([RUSSIAN])
    expect((await recordsOf(reopened.db)).map((r) => [r.ruleId, r.status])).toEqual([
      ['rule-0', 'expired'],
      ['rule-1', 'sent'],
    ])
  })

  it('takes back a before-check-in message still queued at check-in, so it is never sent late', async () => {
    const desk = await world()
    await desk.engine.start()
    platform.setOffline(true)
    await at(desk, '2025-03-08T10:00:00Z')
    expect(await desk.db.outbox.get(scheduledSendKey('rule-0', 'res1'))).toMatchObject({
      state: 'queued',
    })
    platform.setOffline(false)
    expect(await at(desk, '2025-03-10T15:00:00Z')).toEqual([])
    expect(await desk.db.outbox.get(scheduledSendKey('rule-0', 'res1'))).toBeUndefined()
    expect(await recordsOf(desk.db)).toMatchObject([{ ruleId: 'rule-0', status: 'expired' }])
  })

  it('skips with the reason when the messaging window has closed by the time it is due', async () => {
    // Rule 1 closes 7 days after check-out at 11:00; the message is due at 18:00 that day.
    const desk = await world({ triggers: [{ kind: 'afterCheckOut', days: 7, at: '18:00' }] })
    await desk.engine.start()
    expect(await at(desk, '2025-03-19T17:59:00Z')).toEqual([])
    expect(await recordsOf(desk.db)).toEqual([])
    expect(await at(desk, '2025-03-19T18:00:00Z')).toEqual([])
    const [record] = await recordsOf(desk.db)
    expect(record).toMatchObject({
      status: 'skipped',
      skip: { reason: 'policy', reasons: [{ code: 'sendWindowClosed' }] },
    })
  })

  it('skips with the reason when the platform switched links off for the property', async () => {
    const withLink = template('t-link', {
      variants: [{ language: 'en', body: 'Park here: https://parking.example/casa' }],
    })
    const desk = await world({ propertyOverrides: { links_disabled: true }, template: withLink })
    await desk.engine.start()
    expect(await at(desk, '2025-03-08T10:00:00Z')).toEqual([])
    expect(await recordsOf(desk.db)).toMatchObject([
      { status: 'skipped', skip: { reason: 'policy', reasons: [{ code: 'linksDisabled' }] } },
    ])
  })

  it('skips a message with a placeholder the property has no value for', async () => {
    const desk = await world({ withParking: false })
    await desk.engine.start()
    expect(await at(desk, '2025-03-08T10:00:00Z')).toEqual([])
    expect(await recordsOf(desk.db)).toMatchObject([
      { status: 'skipped', skip: { reason: 'missingValues', keys: ['facts.parking'] } },
    ])
  })

  it('does not write to bookings whose message came due before the rule was made', async () => {
    // Booked a month before T0; an "after booking" rule made at T0 must not greet them now.
    const desk = await world({ triggers: [{ kind: 'afterBooking', delayMinutes: 0 }] })
    await desk.engine.start()
    expect(await at(desk, '2025-03-02T10:00:00Z')).toEqual([])
    expect(await recordsOf(desk.db)).toEqual([])
  })

  it('prepares a draft instead when the rule says so', async () => {
    const desk = await world()
    await saveRule(desk.db, rule('rule-0', PARKING.id, { mode: 'draft' }), T0)
    await desk.engine.start()
    expect(await at(desk, '2025-03-08T10:00:00Z')).toEqual([])
    expect(await desk.db.drafts.get('c1')).toMatchObject({
      text: RUSSIAN,
      origin: { ruleId: 'rule-0' },
    })
    expect(await recordsOf(desk.db)).toMatchObject([{ status: 'drafted' }])
  })

  it('sends once when two windows run their schedulers at the same time', async () => {
    const first = await world()
    const second = openDesk()
    await first.engine.start()
    await second.engine.start()
    clock.set(Date.parse('2025-03-08T10:00:00Z'))
    await Promise.all([first.engine.syncNow(), second.engine.syncNow()])
    await Promise.all([first.engine.syncNow(), second.engine.syncNow()])
    expect(platform.sentTexts('c1')).toEqual([RUSSIAN])
    expect(await recordsOf(second.db)).toHaveLength(1)
  })
})
