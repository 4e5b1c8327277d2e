import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applyConversationUpdates,
  deleteConversationRows,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import type { Reservation } from '@shared/platform'
import { DAY, T0, conversation, freshDb, iso, message, property, reservation } from '../db/builders'

const bridge = vi.hoisted(() => ({ byReservation: vi.fn() }))
vi.mock('@/bridge', () => ({
  desk: {
    conversations: { byReservation: bridge.byReservation },
    on: () => () => {},
  },
}))
const inbox = vi.hoisted(() => ({ selectConversation: vi.fn() }))
vi.mock('@/stores/inbox', () => ({ useInboxStore: () => inbox }))

const { useSyncStore } = await import('@/stores/sync')
const { useReservationsStore } = await import('@/stores/reservations')

// T0 is 2025-03-01 10:00 UTC: 10:00 in Lisbon, before the 11:00 check-out.
const stays: Record<string, Partial<Reservation>> = {
  arriving: { checkin: '2025-03-01', checkout: '2025-03-03' },
  staying: { checkin: '2025-02-27', checkout: '2025-03-04' },
  leaving: { checkin: '2025-02-26', checkout: '2025-03-01' },
  soon: { checkin: '2025-03-10', checkout: '2025-03-12' },
  later: { checkin: '2025-04-02', checkout: '2025-04-05' },
  lastWeek: { checkin: '2025-02-20', checkout: '2025-02-24' },
  longAgo: {
    checkin: '2025-01-05',
    checkout: '2025-01-07',
    booked_at: iso(T0 - 90 * DAY),
  },
  cancelled: {
    checkin: '2025-03-01',
    checkout: '2025-03-02',
    status: 'cancelled',
    cancelled_at: iso(T0 - 20 * DAY),
  },
}

let db: InnboxDb
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  setActivePinia(createPinia())
  vi.clearAllMocks()
  db = freshDb()
  await writeProperties(db, [
    property('p-b', { name: 'B Hotel' }),
    property('p-a', { name: 'A Lodge', time_zone: 'Asia/Bangkok' }),
  ])
  await writeReservations(
    db,
    'p-b',
    Object.entries(stays).map(([id, stay]) =>
      reservation(id, { propertyId: 'p-b', conversationId: `c-${id}`, ...stay }),
    ),
  )
  await writeReservations(db, 'p-a', [
    reservation('bangkok', {
      propertyId: 'p-a',
      conversationId: 'c-bangkok',
      checkin: '2025-03-01',
      checkout: '2025-03-05',
    }),
  ])
  useSyncStore().db = db
})
afterEach(() => {
  vi.useRealTimers()
  db.close()
})

async function settled(store: ReturnType<typeof useReservationsStore>, count: number) {
  await vi.waitFor(() => expect(store.bookings).toHaveLength(count))
  return store.bookings
}
const ids = (bookings: { reservationId: string }[]) => bookings.map((b) => b.reservationId)

describe('reservations store', () => {
  it("lists the property's arrivals, in house, departures, upcoming and past bookings", async () => {
    const store = useReservationsStore()
    await vi.waitFor(() => expect(store.property?.propertyId).toBe('p-a'))
    store.chooseProperty('p-b')
    expect(ids(await settled(store, 2)).sort()).toEqual(['arriving', 'cancelled'])
    store.chooseSection('inHouse')
    expect(ids(await settled(store, 1))).toEqual(['staying'])
    store.chooseSection('departures')
    expect(ids(await settled(store, 1))).toEqual(['leaving'])
    store.chooseSection('upcoming')
    expect(ids(await settled(store, 2))).toEqual(['soon', 'later'])
    store.chooseSection('past')
    expect(ids(await settled(store, 2))).toEqual(['lastWeek', 'longAgo'])
    await vi.waitFor(() =>
      expect(store.counts).toEqual({ arrivals: 2, inHouse: 1, departures: 1, upcoming: 2 }),
    )
  })

  it('starts on the first property by name and reads "today" on its clock', async () => {
    const store = useReservationsStore()
    // 10:00 UTC is 17:00 in Bangkok: still 1 March there.
    await vi.waitFor(() => expect(store.property?.name).toBe('A Lodge'))
    expect(store.today).toBe('2025-03-01')
    const [booking] = await settled(store, 1)
    expect(booking).toMatchObject({ reservationId: 'bangkok', stage: 'arrivingToday', nights: 4 })
  })

  it('gives each booking its stage and whether the send window is open', async () => {
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    const arrivals = await settled(store, 2)
    const cancelled = arrivals.find((b) => b.reservationId === 'cancelled')!
    expect(cancelled.stage).toBe('cancelled')
    // Rule 1: 7 days after the cancellation, which was 20 days ago.
    expect(cancelled.sendWindow.allowed).toBe(false)
    expect(arrivals.find((b) => b.reservationId === 'arriving')).toMatchObject({
      stage: 'arrivingToday',
      hasMessages: false,
      sendWindow: { allowed: true, reasons: [{ code: 'sendWindowOpenUntil' }] },
    })
    store.chooseSection('past')
    const [lastWeek, longAgo] = await settled(store, 2)
    expect(lastWeek!.sendWindow.allowed).toBe(true)
    expect(longAgo).toMatchObject({
      stage: 'departed',
      sendWindow: { allowed: false, reasons: [{ code: 'sendWindowClosed' }] },
    })
  })

  it('keeps the window open while the guest has written in the last 14 days (rule 2)', async () => {
    await applyConversationUpdates(db, [
      {
        conversationId: 'c-longAgo',
        facts: {
          conversationType: 'reservation',
          reservationId: 'longAgo',
          participants: conversation('c-longAgo', 'p-b').participants,
          tags: {},
          hydrated: true,
        },
        messages: [message({ id: 'm1', conversationId: 'c-longAgo', at: T0 - 2 * DAY })],
      },
    ])
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    store.chooseSection('past')
    const longAgo = (await settled(store, 2))[1]!
    expect(longAgo.sendWindow).toMatchObject({
      allowed: true,
      reasons: [{ code: 'replyWindowOpenUntil' }],
    })
    expect(longAgo).toMatchObject({ hasMessages: true, unreadCount: 1, needsReply: true })
  })

  it('opens a stored conversation in the inbox without asking the platform', async () => {
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    await settled(store, 2)
    expect(await store.openConversation('arriving')).toBe(true)
    expect(inbox.selectConversation).toHaveBeenCalledWith('c-arriving')
    expect(bridge.byReservation).not.toHaveBeenCalled()
  })

  it('fetches and stores the conversation the desk lacks, then opens it', async () => {
    await deleteConversationRows(db, ['c-arriving'])
    bridge.byReservation.mockResolvedValue({
      ok: true,
      value: conversation('c-arriving', 'p-b', [], { conversation_reference: 'arriving' }),
    })
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    await settled(store, 2)
    expect(await store.openConversation('arriving')).toBe(true)
    expect(bridge.byReservation).toHaveBeenCalledWith({
      propertyId: 'p-b',
      reservationId: 'arriving',
    })
    expect(await db.conversations.get('c-arriving')).toMatchObject({
      propertyId: 'p-b',
      reservationId: 'arriving',
      hydrated: 1,
    })
    expect(inbox.selectConversation).toHaveBeenCalledWith('c-arriving')
    expect(store.opening.size).toBe(0)
  })

  it('says what went wrong when the platform cannot give the conversation', async () => {
    await deleteConversationRows(db, ['c-arriving'])
    bridge.byReservation.mockResolvedValue({
      ok: false,
      error: { code: 'offline', message: 'down' },
    })
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    await settled(store, 2)
    expect(await store.openConversation('arriving')).toBe(false)
    expect(store.errors.get('arriving')).toMatchObject({ code: 'offline' })
    expect(inbox.selectConversation).not.toHaveBeenCalled()
  })

  it('opens nothing for a booking whose send window is closed', async () => {
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    store.chooseSection('past')
    await settled(store, 2)
    expect(await store.openConversation('longAgo')).toBe(false)
    expect(inbox.selectConversation).not.toHaveBeenCalled()
    expect(bridge.byReservation).not.toHaveBeenCalled()
  })

  it('pages the open-ended sections', async () => {
    await writeReservations(
      db,
      'p-b',
      Array.from({ length: 60 }, (_, i) =>
        reservation(`future-${i}`, {
          propertyId: 'p-b',
          conversationId: `c-future-${i}`,
          checkin: `2025-05-${String((i % 28) + 1).padStart(2, '0')}`,
          checkout: '2025-06-30',
        }),
      ),
    )
    const store = useReservationsStore()
    store.chooseProperty('p-b')
    store.chooseSection('upcoming')
    await settled(store, 50)
    expect(store.hasMore).toBe(true)
    store.showMore()
    await settled(store, 62)
    expect(store.hasMore).toBe(false)
  })
})
