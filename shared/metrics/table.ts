import { byUrgency, unansweredMessage, type UnansweredMessage } from './deadlines'
import type { ReplyForecast } from './forecast'
import type { ReplyTime } from './history'
import {
  guestMessageOutcomes,
  outcomeKnownAt,
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
    outcomes.push(outcomeKnownAt(table.outcomes[index]!, messagesAt, tagsAt))
  }
  return tableOf(outcomes)
}

/** The outcomes as known at `at` (`outcomesAt` in history.ts, for a part already received). */
function projected(
  outcomes: readonly GuestMessageOutcome[],
  at: number,
  adjust: ((outcome: GuestMessageOutcome) => GuestMessageOutcome) | undefined,
): GuestMessageOutcome[] {
  return outcomes.map((outcome) => outcomeKnownAt(adjust ? adjust(outcome) : outcome, at))
}

/** One table, or several read as one (all properties together, without merging them). */
export type Outcomes = OutcomeTable | readonly OutcomeTable[]

const tablesOf = (outcomes: Outcomes): readonly OutcomeTable[] =>
  'outcomes' in outcomes ? [outcomes] : outcomes

/** The outcomes received after `after` and up to `upTo`, from every table. */
function receivedIn(
  tables: readonly OutcomeTable[],
  after: number,
  upTo: number,
): GuestMessageOutcome[] {
  const found: GuestMessageOutcome[] = []
  for (const table of tables) {
    const end = firstAfter(table.received, upTo)
    for (let index = firstAfter(table.received, after); index < end; index++) {
      found.push(table.outcomes[index]!)
    }
  }
  return found
}

/**
 * The reply score at `at`: `replyScore(conversations, at)`, reading only the outcomes it depends
 * on: those of the 30 days before `at`, and older ones only while fewer than 10 of them count
 * (in each table, as many as it takes for 10 of its own: the 10 latest of all are among them).
 * `adjust` changes outcomes before they are read (the forecast's reply to every waiting one).
 */
export function scoreOf(
  outcomes: Outcomes,
  at: number,
  adjust?: (outcome: GuestMessageOutcome) => GuestMessageOutcome,
): ReplyScore {
  const tables = tablesOf(outcomes)
  let known = projected(receivedIn(tables, at - SCORE_PERIOD_MS, at), at, adjust)
  const counted = known.filter((outcome) => countsAt(outcome, at)).length
  if (counted < SCORE_MINIMUM_MESSAGES) {
    for (const table of tables) known = known.concat(olderCounted(table, at, adjust))
  }
  return replyScoreOfOutcomes(known, at)
}

/**
 * The table's outcomes received before the 30 days up to `at`, latest first, a few at a time
 * until 10 of them count (or there are no more): the ones the score's "last 10" may take.
 */
function olderCounted(
  table: OutcomeTable,
  at: number,
  adjust: ((outcome: GuestMessageOutcome) => GuestMessageOutcome) | undefined,
): GuestMessageOutcome[] {
  const { outcomes, received } = table
  let start = firstAfter(received, at - SCORE_PERIOD_MS)
  let found: GuestMessageOutcome[] = []
  let counted = 0
  while (counted < SCORE_MINIMUM_MESSAGES && start > 0) {
    let from = Math.max(0, start - 4 * SCORE_MINIMUM_MESSAGES)
    // Messages received at the same instant stay together: their order is the messages' ids.
    while (from > 0 && received[from - 1] === received[from]) from -= 1
    const older = projected(outcomes.slice(from, start), at, adjust)
    counted += older.filter((outcome) => countsAt(outcome, at)).length
    found = older.concat(found)
    start = from
  }
  return found
}

/** `medianReplyTime(conversations, now, periodMs)` read from the tables. */
export function replyTimeOf(
  outcomes: Outcomes,
  now: number,
  periodMs = SCORE_PERIOD_MS,
): ReplyTime | null {
  const waits: number[] = []
  for (const outcome of receivedIn(tablesOf(outcomes), now - periodMs, now)) {
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
 * `replyForecast(conversations, now, timeZone)` read from the tables: the messages at risk are
 * among those of the last 24 hours, and only their deadlines are worked out.
 */
export function forecastOf(outcomes: Outcomes, now: number, timeZone: string): ReplyForecast {
  const tables = tablesOf(outcomes)
  const atRisk: UnansweredMessage[] = []
  for (const table of tables) {
    const known = knownAt(table, now)
    for (
      let index = firstAtOrAfter(known.received, now - REPLY_TARGET_MS);
      index < known.outcomes.length;
      index++
    ) {
      const message = unansweredMessage(known.outcomes[index]!, now, timeZone)
      if (message) atRisk.push(message)
    }
  }
  atRisk.sort(byUrgency)
  let settlesAt = now
  for (const message of atRisk) settlesAt = Math.max(settlesAt, message.targetAt + 1)
  const waiting = new Set(atRisk.map((message) => message.conversationId))
  // The scores are read when the last one settles, over the messages known now; tags are read
  // as they stand then (a tag set later than the desk's clock, as replyForecast reads them).
  const forScores = tables.map((table) => knownAt(table, now, settlesAt))
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
function firstAfter(instants: Float64Array, at: number): number {
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
