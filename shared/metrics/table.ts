import { addDaysInZone } from '../time'
import { REPLY_DEADLINE_DAYS, type UnansweredMessage } from './deadlines'
import type { ReplyForecast } from './forecast'
import type { ReplyTime } from './history'
import {
  guestMessageOutcomes,
  REPLY_TARGET_MS,
  type GuestMessageOutcome,
  type MetricsConversation,
} from './outcomes'
import {
  countsAt,
  replyScoreOfOutcomes,
  SCORE_MINIMUM_MESSAGES,
  SCORE_PERIOD_MS,
  type ReplyScore,
} from './score'

// The outcomes of a property's guest messages worked out once, for everything known, and sorted
// by receipt; the score, the reply time and the forecast at any instant are then read from the
// part of them that instant depends on. Working them out from the conversations at every
// instant asked (each minute, and 90 times for a trend) took the metrics worker ~17 s at
// 200,000 conversations, most of it for messages a year old (issue 11).
// Read at `at`, a table gives exactly what the conversations give at `at` (`outcomesAt`).

export interface OutcomeTable {
  /** Every guest message's outcome over all the data, by receipt. */
  readonly outcomes: readonly GuestMessageOutcome[]
  /** Their receipt instants, ascending. */
  readonly received: Float64Array
  /** The latest instant in them (receipt, reply or tag): read at or after it, nothing is cut. */
  readonly latestAt: number
}

function tableOf(outcomes: readonly GuestMessageOutcome[]): OutcomeTable {
  let latestAt = Number.NEGATIVE_INFINITY
  const received = new Float64Array(outcomes.length)
  outcomes.forEach((outcome, index) => {
    received[index] = outcome.receivedAt
    latestAt = Math.max(
      latestAt,
      outcome.receivedAt,
      outcome.repliedAt ?? latestAt,
      outcome.markedNoReplyNeededAt ?? latestAt,
    )
  })
  return { outcomes, received, latestAt }
}

const byReceipt = (a: GuestMessageOutcome, b: GuestMessageOutcome) => a.receivedAt - b.receivedAt

/** The table of these conversations. */
export function outcomeTable(conversations: readonly MetricsConversation[]): OutcomeTable {
  return tableOf(guestMessageOutcomes(conversations, Number.POSITIVE_INFINITY).sort(byReceipt))
}

/** One table of several (all properties together). */
export function mergeTables(tables: readonly OutcomeTable[]): OutcomeTable {
  return tableOf(tables.flatMap((table) => table.outcomes).sort(byReceipt))
}

/**
 * The table as known at `messagesAt` (later guest messages and replies did not exist yet), with
 * "no reply needed" tags as known at `tagsAt` (≥ `messagesAt`). The same table when nothing in
 * it is later.
 */
function knownAt(table: OutcomeTable, messagesAt: number, tagsAt = messagesAt): OutcomeTable {
  if (table.latestAt <= messagesAt) return table
  const outcomes: GuestMessageOutcome[] = []
  const end = firstAfter(table.received, messagesAt)
  for (let index = 0; index < end; index++) {
    const outcome = table.outcomes[index]!
    outcomes.push({
      ...outcome,
      repliedAt:
        outcome.repliedAt !== null && outcome.repliedAt <= messagesAt ? outcome.repliedAt : null,
      markedNoReplyNeededAt:
        outcome.markedNoReplyNeededAt !== null && outcome.markedNoReplyNeededAt <= tagsAt
          ? outcome.markedNoReplyNeededAt
          : null,
    })
  }
  return tableOf(outcomes)
}

/** The outcomes as known at `at` (`outcomesAt` in history.ts, for a part already received). */
function projected(
  outcomes: readonly GuestMessageOutcome[],
  at: number,
  adjust: ((outcome: GuestMessageOutcome) => GuestMessageOutcome) | undefined,
): GuestMessageOutcome[] {
  return outcomes.map((original) => {
    const outcome = adjust ? adjust(original) : original
    const repliedAt =
      outcome.repliedAt !== null && outcome.repliedAt <= at ? outcome.repliedAt : null
    const marked =
      outcome.markedNoReplyNeededAt !== null && outcome.markedNoReplyNeededAt <= at
        ? outcome.markedNoReplyNeededAt
        : null
    return repliedAt === outcome.repliedAt && marked === outcome.markedNoReplyNeededAt
      ? outcome
      : { ...outcome, repliedAt, markedNoReplyNeededAt: marked }
  })
}

/**
 * The reply score at `at`: `replyScore(conversations, at)`, reading only the outcomes it depends
 * on: those of the 30 days before `at`, and older ones only while fewer than 10 of them count.
 * `adjust` changes outcomes before they are read (the forecast's reply to every waiting one).
 */
export function scoreOf(
  table: OutcomeTable,
  at: number,
  adjust?: (outcome: GuestMessageOutcome) => GuestMessageOutcome,
): ReplyScore {
  const { outcomes, received } = table
  const end = firstAfter(received, at)
  let start = firstAfter(received, at - SCORE_PERIOD_MS)
  let known = projected(outcomes.slice(start, end), at, adjust)
  let counted = known.filter((outcome) => countsAt(outcome, at)).length
  while (counted < SCORE_MINIMUM_MESSAGES && start > 0) {
    let from = Math.max(0, start - 4 * SCORE_MINIMUM_MESSAGES)
    // Messages received at the same instant stay together: their order is the messages' ids.
    while (from > 0 && received[from - 1] === received[from]) from -= 1
    const older = projected(outcomes.slice(from, start), at, adjust)
    counted += older.filter((outcome) => countsAt(outcome, at)).length
    known = older.concat(known)
    start = from
  }
  return replyScoreOfOutcomes(known, at)
}

/** `medianReplyTime(conversations, now, periodMs)` read from the table. */
export function replyTimeOf(
  table: OutcomeTable,
  now: number,
  periodMs = SCORE_PERIOD_MS,
): ReplyTime | null {
  const waits: number[] = []
  const end = firstAfter(table.received, now)
  for (let index = firstAfter(table.received, now - periodMs); index < end; index++) {
    const outcome = table.outcomes[index]!
    if (outcome.repliedAt !== null && outcome.repliedAt <= now) {
      waits.push(outcome.repliedAt - outcome.receivedAt)
    }
  }
  if (waits.length === 0) return null
  waits.sort((a, b) => a - b)
  const middle = Math.floor(waits.length / 2)
  const medianMs =
    waits.length % 2 === 1 ? waits[middle]! : (waits[middle - 1]! + waits[middle]!) / 2
  return { medianMs, answered: waits.length }
}

/**
 * `replyForecast(conversations, now, timeZone)` read from the table: the messages at risk are
 * among those of the last 24 hours, and only their deadlines are worked out.
 */
export function forecastOf(table: OutcomeTable, now: number, timeZone: string): ReplyForecast {
  const known = knownAt(table, now)
  const atRisk: UnansweredMessage[] = []
  for (
    let index = firstAtOrAfter(known.received, now - REPLY_TARGET_MS);
    index < known.outcomes.length;
    index++
  ) {
    const outcome = known.outcomes[index]!
    if (outcome.repliedAt !== null) continue
    if (outcome.markedNoReplyNeededAt !== null || outcome.markedNoReplyNeededUntimed) continue
    const targetAt = outcome.receivedAt + REPLY_TARGET_MS
    const replyDeadline = addDaysInZone(outcome.receivedAt, REPLY_DEADLINE_DAYS, timeZone)
    atRisk.push({
      conversationId: outcome.conversationId,
      messageId: outcome.messageId,
      receivedAt: outcome.receivedAt,
      targetAt,
      replyDeadline,
      overdue: now > targetAt,
      deadlinePassed: now >= replyDeadline,
    })
  }
  atRisk.sort((a, b) => a.targetAt - b.targetAt || a.messageId.localeCompare(b.messageId))
  let settlesAt = now
  for (const message of atRisk) settlesAt = Math.max(settlesAt, message.targetAt + 1)
  const waiting = new Set(atRisk.map((message) => message.conversationId))
  // The scores are read when the last one settles, over the messages known now; tags are read
  // as they stand then (a tag set later than the desk's clock, as replyForecast reads them).
  const forScores = knownAt(table, now, settlesAt)
  // A reply 1 ms from now: strictly after every message known now, and inside every target.
  const replyAt = now + 1
  return {
    atRisk,
    settlesAt,
    ifAnswered: scoreOf(forScores, settlesAt, (outcome) =>
      outcome.repliedAt === null && waiting.has(outcome.conversationId)
        ? { ...outcome, repliedAt: replyAt }
        : outcome,
    ),
    ifMissed: scoreOf(forScores, settlesAt),
  }
}

/** The index of the first instant after `at` in ascending `instants`. */
export function firstAfter(instants: Float64Array, at: number): number {
  let low = 0
  let high = instants.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (instants[middle]! <= at) low = middle + 1
    else high = middle
  }
  return low
}

/** The index of the first instant at or after `at` in ascending `instants`. */
function firstAtOrAfter(instants: Float64Array, at: number): number {
  let low = 0
  let high = instants.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (instants[middle]! < at) low = middle + 1
    else high = middle
  }
  return low
}
