import { addCalendarDays, formatCalendarDate, parseCalendarDate } from '@shared/time'
import type { PropertyFacts, Template } from '@shared/templates'
import { writeTables } from './conversations'
import { enqueueSend } from './outbox'
import { allPropertyFacts } from './property-facts'
import type { InnboxDb } from './schema'
import type {
  MessageOrigin,
  PropertyRecord,
  ReservationRecord,
  ScheduledSendRecord,
  ScheduledSkip,
  ScheduleRuleRecord,
} from './records'
import { listRules, listTemplates } from './templates'
import { writeTx } from './tx'

// The record of scheduled sends (issue 8): what each rule did for each reservation. The row's
// key is the outbox record's id, and both are written in one transaction that first looks for
// either, so a rule sends at most once per reservation — across runs, restarts and windows.

/**
 * How far back a stay's check-out may lie and a rule still write to it: rule 1's window ends 7
 * days after check-out; one more day each side covers any time zone. [ours]
 */
export const SCHEDULE_LOOKBACK_DAYS = 9

/** Everything the scheduler and the Upcoming view compute the schedule from. */
export interface ScheduleInputs {
  rules: ScheduleRuleRecord[]
  templates: Template[]
  properties: Map<string, PropertyRecord>
  facts: Map<string, PropertyFacts>
  /** Stays a rule may still write to (see SCHEDULE_LOOKBACK_DAYS), by check-in. */
  reservations: ReservationRecord[]
  records: Map<string, ScheduledSendRecord>
}

function utcDate(instant: number, shiftDays: number): string {
  const day = parseCalendarDate(new Date(instant).toISOString().slice(0, 10))
  return day ? formatCalendarDate(addCalendarDays(day, shiftDays)) : ''
}

/** One read of everything the schedule needs; no stays are read while no rule exists. */
export async function scheduleInputs(db: InnboxDb, now: number): Promise<ScheduleInputs> {
  const rules = await listRules(db)
  const properties = new Map((await db.properties.toArray()).map((p) => [p.propertyId, p]))
  const empty: ScheduleInputs = {
    rules,
    templates: [],
    properties,
    facts: new Map(),
    reservations: [],
    records: new Map(),
  }
  if (rules.length === 0) return empty
  const since = utcDate(now, -SCHEDULE_LOOKBACK_DAYS)
  const perProperty = await Promise.all(
    [...properties.keys()].map((propertyId) =>
      db.reservations
        .where('[propertyId+checkout]')
        .between([propertyId, since], [propertyId, '\uffff'], true, true)
        .toArray(),
    ),
  )
  const reservations = perProperty
    .flat()
    .sort(
      (a, b) =>
        a.checkin.localeCompare(b.checkin) || a.reservationId.localeCompare(b.reservationId),
    )
  const records = await db.scheduledSends
    .where('reservationId')
    .anyOf(reservations.map((r) => r.reservationId))
    .toArray()
  return {
    ...empty,
    templates: await listTemplates(db),
    facts: await allPropertyFacts(db),
    reservations,
    records: new Map(records.map((record) => [record.key, record])),
  }
}

/** One rule's message for one reservation, as the schedule computed it. */
export interface ScheduledEntry {
  key: string
  ruleId: string
  templateId: string
  reservationId: string
  propertyId: string
  conversationId: string
  dueAt: number
  expiresAt: number
}

export type ScheduledOutcome =
  | { status: 'sent'; content: string }
  | { status: 'drafted'; content: string }
  | { status: 'skipped'; skip: ScheduledSkip }
  | { status: 'expired' }

export interface ScheduledSendDecision {
  entry: ScheduledEntry
  outcome: ScheduledOutcome
  origin: MessageOrigin
  decidedBy: ScheduledSendRecord['decidedBy']
}

/** Staff may send or draft what was skipped or expired; nothing replaces a sent or drafted one. */
function mayReplace(existing: ScheduledSendRecord, decidedBy: ScheduledSendRecord['decidedBy']) {
  return decidedBy === 'staff' && (existing.status === 'skipped' || existing.status === 'expired')
}

/**
 * Records what became of one rule's message for one reservation and, in the same transaction,
 * queues it (outbox id = the key) or writes the draft. A decision already recorded wins (another
 * window, an earlier run): answers null then. "Prepare a draft" never overwrites what staff are
 * writing: it is recorded as skipped (`draftInUse`) instead.
 */
export function recordScheduledSend(
  db: InnboxDb,
  { entry, outcome, origin, decidedBy }: ScheduledSendDecision,
  now: number,
): Promise<ScheduledSendRecord | null> {
  return writeTx(db, [...writeTables(db), db.drafts, db.scheduledSends], async () => {
    const existing = await db.scheduledSends.get(entry.key)
    if (existing && !mayReplace(existing, decidedBy)) return null
    if (outcome.status === 'sent' && (await db.outbox.get(entry.key))) return null
    let decided = outcome
    const target = { propertyId: entry.propertyId, conversationId: entry.conversationId }
    if (outcome.status === 'sent') {
      await enqueueSend(
        db,
        { ...target, content: outcome.content, keepDraft: true },
        { now, id: entry.key, origin },
      )
    } else if (outcome.status === 'drafted') {
      const draft = await db.drafts.get(entry.conversationId)
      if (draft && draft.text.trim())
        decided = { status: 'skipped', skip: { reason: 'draftInUse' } }
      else {
        const conversation = await db.conversations.get(entry.conversationId)
        await db.drafts.put({
          conversationId: entry.conversationId,
          text: outcome.content,
          startedAt: now,
          updatedAt: now,
          basePropertyMessageAt: conversation?.lastPropertyMessageAt ?? null,
          origin,
        })
      }
    }
    const record: ScheduledSendRecord = {
      ...entry,
      status: decided.status,
      skip: decided.status === 'skipped' ? decided.skip : null,
      decidedAt: now,
      decidedBy,
    }
    await db.scheduledSends.put(record)
    return record
  })
}

/**
 * Takes back scheduled messages still waiting in the outbox once they no longer make sense (a
 * "before check-in" message is never sent after check-in, however long the desk was offline).
 * Only `queued` records: one being sent may already have landed. Answers how many.
 */
export function expireQueuedScheduledSends(
  db: InnboxDb,
  records: Iterable<ScheduledSendRecord>,
  now: number,
): Promise<number> {
  const candidates = [...records].filter((r) => r.status === 'sent' && r.expiresAt <= now)
  if (candidates.length === 0) return Promise.resolve(0)
  return writeTx(db, [db.outbox, db.scheduledSends], async () => {
    let expired = 0
    for (const candidate of candidates) {
      const outbox = await db.outbox.get(candidate.key)
      const current = await db.scheduledSends.get(candidate.key)
      if (outbox?.state !== 'queued' || current?.status !== 'sent') continue
      await db.outbox.delete(candidate.key)
      await db.scheduledSends.put({ ...current, status: 'expired', decidedAt: now })
      expired += 1
    }
    return expired
  })
}
