import { defineStore } from 'pinia'
import { computed, ref, shallowReactive } from 'vue'
import { desk } from '@/bridge'
import type { BridgeError } from '@/bridge'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { useNow } from '@/composables/useNow'
import { applyConversationUpdates } from '@/db'
import {
  bookingsInSection,
  propertiesByName,
  reservationSections,
  sectionCounts,
  type Booking,
  type ReservationSection,
  type SectionCounts,
  type SectionQuery,
} from '@/db/reservation-queries'
import { conversationUpdate } from '@/sync/fetch-conversations'
import { evaluateSendWindow, policyConversationFrom, type SendWindowDecision } from '@shared/policy'
import { nights, propertyToday, stayStage, type StayStage } from '@shared/stays'
import { useInboxStore } from './inbox'
import { useSyncStore } from './sync'

/** One booking as the reservations view shows it. */
export interface BookingView {
  reservationId: string
  conversationId: string
  guestName: string
  guestLanguage: string | null
  checkin: string
  checkout: string
  nights: number
  stage: StayStage
  /** Rules 1 and 2 at the view's `now`: whether staff may write, or why not. */
  sendWindow: SendWindowDecision
  unreadCount: number
  needsReply: boolean
  /** False for the empty conversation every new reservation gets: "Start" rather than "Open". */
  hasMessages: boolean
}

export { reservationSections, type BridgeError, type ReservationSection }

const PAGE = 50

/**
 * The reservations view: a property's bookings by stay (arrivals, in house, departures,
 * upcoming, past), read live from the offline store, and "Open conversation" for those whose
 * send window is open — fetching the conversation from the platform when the desk lacks it.
 */
export const useReservationsStore = defineStore('reservations', () => {
  const sync = useSyncStore()
  const now = useNow(60_000)
  const chosenPropertyId = ref<string | null>(null)
  const section = ref<ReservationSection>('arrivals')
  const limit = ref(PAGE)
  /** Per reservation: an open in flight, or what stopped the last one. */
  const opening = shallowReactive(new Set<string>())
  const errors = shallowReactive(new Map<string, BridgeError>())

  const properties = useLiveQuery(
    () => sync.db,
    (db) => (db ? propertiesByName(db) : Promise.resolve([])),
    [],
  )
  const property = computed(() => {
    const list = properties.value.value
    return list.find((p) => p.propertyId === chosenPropertyId.value) ?? list[0] ?? null
  })
  const today = computed(() =>
    property.value ? propertyToday(now.value, property.value.property.time_zone) : null,
  )

  const sectionQuery = computed(() => {
    const propertyId = property.value?.propertyId
    return propertyId && today.value
      ? { propertyId, section: section.value, today: today.value, limit: limit.value }
      : null
  })
  // Each answer carries the query it answers: after a switch of property or section the
  // previous list is never shown as the new one while its answer is on the way.
  const answer = useLiveQuery(
    () => ({ db: sync.db, query: sectionQuery.value }),
    async ({ db, query }) =>
      db && query ? { query, rows: await bookingsInSection(db, query) } : null,
    null as { query: SectionQuery; rows: Booking[] } | null,
  )
  const answered = computed(() => {
    const current = answer.value.value
    const wanted = sectionQuery.value
    return (
      current !== null &&
      wanted !== null &&
      (Object.keys(wanted) as (keyof SectionQuery)[]).every((k) => current.query[k] === wanted[k])
    )
  })
  const rows = computed<Booking[]>(() => (answered.value ? answer.value.value!.rows : []))
  const counts = useLiveQuery(
    () => ({ db: sync.db, propertyId: property.value?.propertyId ?? null, today: today.value }),
    ({ db, propertyId, today }) =>
      db && propertyId && today ? sectionCounts(db, propertyId, today) : Promise.resolve(null),
    null as SectionCounts | null,
  )

  const bookings = computed<BookingView[]>(() => {
    const home = property.value?.property
    if (!home) return []
    const zone = { timeZone: home.time_zone, checkoutTime: home.checkout_time }
    return rows.value.map(({ reservation: record, conversation }) => {
      const booking = record.reservation
      const policy = {
        ...policyConversationFrom({ property: home, reservation: booking, messages: [] }),
        lastGuestMessageAt: conversation?.lastGuestMessageAt ?? null,
      }
      return {
        reservationId: record.reservationId,
        conversationId: record.conversationId,
        guestName: booking.guest_name,
        guestLanguage: booking.guest_language,
        checkin: record.checkin,
        checkout: record.checkout,
        nights: nights(record.checkin, record.checkout),
        stage: stayStage(
          {
            conversationType: booking.conversation_type,
            status: booking.status,
            checkin: record.checkin,
            checkout: record.checkout,
          },
          zone,
          now.value,
        ),
        sendWindow: evaluateSendWindow(policy, now.value),
        unreadCount: conversation?.unreadCount ?? 0,
        needsReply: conversation?.needsReply === 1,
        hasMessages: (conversation?.lastMessageId ?? null) !== null,
      }
    })
  })
  /** Whether the open-ended section may have more than it shows. */
  const hasMore = computed(
    () =>
      (section.value === 'upcoming' || section.value === 'past') &&
      rows.value.length >= limit.value,
  )

  function chooseProperty(propertyId: string): void {
    chosenPropertyId.value = propertyId
    limit.value = PAGE
  }

  function chooseSection(next: ReservationSection): void {
    section.value = next
    limit.value = PAGE
  }

  function showMore(): void {
    limit.value += PAGE
  }

  /**
   * Selects the booking's conversation in the inbox; answers whether it did. The conversation is
   * fetched and stored first when the desk does not hold it (every reservation has one on the
   * platform). A closed send window (rules 1 and 2) opens nothing: the view says why instead.
   */
  async function openConversation(reservationId: string): Promise<boolean> {
    const db = sync.db
    const found = rows.value.find((row) => row.reservation.reservationId === reservationId)
    const view = bookings.value.find((b) => b.reservationId === reservationId)
    if (!db || !found || !view?.sendWindow.allowed || opening.has(reservationId)) return false
    opening.add(reservationId)
    errors.delete(reservationId)
    try {
      let conversationId = found.conversation?.conversationId ?? null
      if (!conversationId) {
        const { propertyId } = found.reservation
        const answer = await desk.conversations.byReservation({ propertyId, reservationId })
        if (!answer.ok) {
          errors.set(reservationId, answer.error)
          return false
        }
        await applyConversationUpdates(db, [conversationUpdate(answer.value, propertyId, true)])
        conversationId = answer.value.conversation_id
      }
      useInboxStore().selectConversation(conversationId)
      return true
    } catch {
      errors.set(reservationId, {
        code: 'storage_failed',
        message: 'The conversation could not be stored.',
      })
      return false
    } finally {
      opening.delete(reservationId)
    }
  }

  return {
    now,
    properties: computed(() => properties.value.value),
    property,
    today,
    section,
    counts: computed(() => counts.value.value),
    bookings,
    loading: computed(() => sectionQuery.value !== null && !answered.value),
    hasMore,
    opening,
    errors,
    chooseProperty,
    chooseSection,
    showMore,
    openConversation,
  }
})
