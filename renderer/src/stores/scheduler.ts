import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { useNow } from '@/composables/useNow'
import {
  messagesOf,
  recordScheduledSend,
  scheduleInputs,
  type InnboxDb,
  type OutboxState,
  type ReservationRecord,
  type ScheduledOutcome,
  type ScheduledSendRecord,
  type ScheduleInputs,
} from '@/db'
import {
  composeScheduledSend,
  detectGuestLanguage,
  originOf,
  planScheduledSends,
  type PlannedSend,
} from '@/sync/scheduled-sends'
import { useSyncStore } from './sync'

/** How long a decided message stays listed, so staff see what went out and what was skipped. */
export const UPCOMING_DECIDED_DAYS = 7
/** The stays listed at most, soonest first: a year of bookings would make a page nobody reads. */
export const UPCOMING_STAYS_SHOWN = 100
const DAY = 86_400_000

export interface UpcomingEntry {
  planned: PlannedSend
  /** Where a sent one is in the outbox; null when not queued by a rule or taken back. */
  delivery: OutboxState | null
}

export interface UpcomingStay {
  reservation: ReservationRecord
  entries: UpcomingEntry[]
}

/** Where each sent scheduled message is in the outbox (same key), by key. */
async function deliveriesOf(db: InnboxDb, keys: readonly string[]) {
  const outbox = await db.outbox.bulkGet([...keys])
  return new Map(outbox.flatMap((record) => (record ? [[record.id, record.state] as const] : [])))
}

/**
 * The Upcoming view (issue 8): each stay's scheduled messages — what will go out and when,
 * and what went out or was skipped lately, with why — and the staff's say over each one: skip
 * it, send it now, or take it into the conversation as a draft to edit.
 */
export const useSchedulerStore = defineStore('scheduler', () => {
  const sync = useSyncStore()
  const now = useNow(30_000)
  const read = useLiveQuery(
    () => ({ db: sync.db, now: now.value }),
    ({ db, now: at }) => (db ? scheduleInputs(db, at) : Promise.resolve(null)),
    null as ScheduleInputs | null,
  )
  // Their delivery states in a live query of their own: read after the inputs in the same
  // query (behind an await of a plain async function), the outbox rows were not followed, and
  // "Queued" stayed after the message went out until something else was written.
  const sentKeys = computed(() =>
    [...(read.value.value?.records.values() ?? [])]
      .filter((record) => record.status === 'sent')
      .map((record) => record.key),
  )
  const deliveries = useLiveQuery(
    () => ({ db: sync.db, keys: sentKeys.value }),
    ({ db, keys }) =>
      db && keys.length > 0
        ? deliveriesOf(db, keys)
        : Promise.resolve(new Map<string, OutboxState>()),
    new Map<string, OutboxState>(),
  )
  const error = shallowRef<unknown>(null)

  function shown(planned: PlannedSend, at: number): boolean {
    if (planned.record) return planned.record.decidedAt >= at - UPCOMING_DECIDED_DAYS * DAY
    // Undecided: what is still to come. Messages due before their rule stood are left out
    // (a new rule would otherwise list every stay it came too late for).
    return planned.status !== 'expired' && !planned.beforeRule
  }

  const allStays = computed<UpcomingStay[]>(() => {
    const current = read.value.value
    if (!current) return []
    const grouped = new Map<string, UpcomingStay>()
    for (const planned of planScheduledSends(current, now.value)) {
      if (!shown(planned, now.value)) continue
      const stay = grouped.get(planned.reservationId) ?? {
        reservation: planned.reservation,
        entries: [],
      }
      stay.entries.push({ planned, delivery: deliveries.value.value.get(planned.key) ?? null })
      grouped.set(planned.reservationId, stay)
    }
    // Stays with something still to come first, soonest first; then the rest, latest first.
    const next = (stay: UpcomingStay) =>
      Math.min(...stay.entries.map((e) => (e.planned.record ? Infinity : e.planned.dueAt)))
    return [...grouped.values()].sort((a, b) => next(a) - next(b))
  })
  const stays = computed(() => allStays.value.slice(0, UPCOMING_STAYS_SHOWN))
  const hiddenStays = computed(() => Math.max(0, allStays.value.length - UPCOMING_STAYS_SHOWN))

  /** A stay's property as the view shows it (name and zone). */
  function propertyOf(propertyId: string) {
    return read.value.value?.properties.get(propertyId)?.property ?? null
  }

  async function decide(
    planned: PlannedSend,
    choose: (db: InnboxDb, inputs: ScheduleInputs) => Promise<ScheduledOutcome>,
  ): Promise<ScheduledSendRecord | null> {
    const db = sync.db
    if (!db) return null
    try {
      // Read afresh: staff act on what the store holds now, not on the last snapshot shown.
      const inputs = await scheduleInputs(db, Date.now())
      const outcome = await choose(db, inputs)
      const record = await recordScheduledSend(
        db,
        {
          entry: {
            key: planned.key,
            ruleId: planned.ruleId,
            templateId: planned.templateId,
            reservationId: planned.reservationId,
            propertyId: planned.reservation.propertyId,
            conversationId: planned.reservation.conversationId,
            dueAt: planned.dueAt,
            expiresAt: planned.expiresAt,
          },
          outcome,
          origin: originOf(planned),
          decidedBy: 'staff',
        },
        Date.now(),
      )
      error.value = null
      if (record?.status === 'sent') void sync.flushOutbox()
      return record
    } catch (failure) {
      error.value = failure
      return null
    }
  }

  /** The message as it would go out now: guest's language, filled, judged by the policy. */
  async function compose(
    db: InnboxDb,
    inputs: ScheduleInputs,
    planned: PlannedSend,
    mode: 'send' | 'draft',
  ): Promise<ScheduledOutcome> {
    const messages = (await messagesOf(db, planned.reservation.conversationId)).map(
      (m) => m.message,
    )
    const detected = planned.reservation.reservation.guest_language
      ? null
      : await detectGuestLanguage(
          messages
            .filter((m) => m.sender.metadata.participant_type === 'guest')
            .map((m) => m.content),
        )
    return composeScheduledSend(planned, inputs, messages, detected, Date.now(), mode)
  }

  return {
    now,
    stays,
    hiddenStays,
    error,
    loading: read.loading,
    propertyOf,
    /** Never send this one (recorded as skipped by staff). */
    skip: (planned: PlannedSend) =>
      decide(planned, async () => ({ status: 'skipped', skip: { reason: 'byStaff' } })),
    /** Send it now instead of at its time (still judged by the policy, still only once). */
    sendNow: (planned: PlannedSend) =>
      decide(planned, (db, inputs) => compose(db, inputs, planned, 'send')),
    /** Put it in the conversation as a draft to edit and send by hand. */
    edit: (planned: PlannedSend) =>
      decide(planned, (db, inputs) => compose(db, inputs, planned, 'draft')),
  }
})
