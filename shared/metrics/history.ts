import { addCalendarDays, formatCalendarDate, instantOfWallTime, wallTimeAt } from '../time'
import {
  guestMessageOutcomes,
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

// The reply score looked back on (rule 9, "updated daily"): the score each day, and the median
// time a reply took. Outcomes are computed once and projected to each past instant, so 90 days
// cost one pass over the messages per day instead of rebuilding every conversation 90 times.

/**
 * The outcomes as they were known at `at` (≤ the instant they were computed for): later guest
 * messages did not exist yet, a later reply or "no reply needed" had not happened yet.
 * Equals `guestMessageOutcomes(conversations, at)`: the first reply after a message is the
 * earliest, so if it came after `at` no reply had come by then.
 */
export function outcomesAt(
  outcomes: readonly GuestMessageOutcome[],
  at: number,
): GuestMessageOutcome[] {
  return outcomes
    .filter((outcome) => outcome.receivedAt <= at)
    .map((outcome) => ({
      ...outcome,
      repliedAt: outcome.repliedAt !== null && outcome.repliedAt <= at ? outcome.repliedAt : null,
      markedNoReplyNeededAt:
        outcome.markedNoReplyNeededAt !== null && outcome.markedNoReplyNeededAt <= at
          ? outcome.markedNoReplyNeededAt
          : null,
    }))
}

export interface DailyReplyScore {
  /** The property's calendar date, `YYYY-MM-DD`. */
  date: string
  /** The instant the day's score is taken: the end of that day, or `now` for today. */
  at: number
  score: ReplyScore
}

/** The first instant of `date`'s day (`YYYY-MM-DD`) at the property's clock. */
function startOfDay(date: { year: number; month: number; day: number }, timeZone: string): number {
  return instantOfWallTime({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone)
}

/**
 * The score of each of the last `days` calendar days at the property's clock, oldest first:
 * a past day's as it stood at its last millisecond, today's as it stands at `now`.
 */
export function dailyReplyScores(
  conversations: readonly MetricsConversation[],
  now: number,
  timeZone: string,
  days = 90,
): DailyReplyScore[] {
  const outcomes = [...guestMessageOutcomes(conversations, now)].sort(
    (a, b) => a.receivedAt - b.receivedAt,
  )
  const received = Float64Array.from(outcomes, (outcome) => outcome.receivedAt)
  const today = wallTimeAt(now, timeZone)
  const result: DailyReplyScore[] = []
  for (let back = days - 1; back >= 0; back -= 1) {
    const date = addCalendarDays(today, -back)
    const at = back === 0 ? now : startOfDay(addCalendarDays(date, 1), timeZone) - 1
    result.push({
      date: formatCalendarDate(date),
      at,
      score: scoreAt(outcomes, received, at),
    })
  }
  return result
}

/**
 * `replyScoreOfOutcomes(outcomesAt(outcomes, at), at)`, reading only the outcomes it depends on
 * (`outcomes` sorted by receipt, `received` their instants): those of the 30 days before `at`,
 * and older ones only while fewer than 10 of them count. 90 days over a property's year of
 * messages were 90 passes over all of them: 4 s for 200,000 messages (issue 11).
 */
function scoreAt(
  outcomes: readonly GuestMessageOutcome[],
  received: Float64Array,
  at: number,
): ReplyScore {
  const end = firstAfter(received, at)
  let start = firstAfter(received, at - SCORE_PERIOD_MS)
  let known = outcomesAt(outcomes.slice(start, end), at)
  let counted = known.filter((outcome) => countsAt(outcome, at)).length
  while (counted < SCORE_MINIMUM_MESSAGES && start > 0) {
    let from = Math.max(0, start - 4 * SCORE_MINIMUM_MESSAGES)
    // Messages received at the same instant stay together: their order is the messages' ids.
    while (from > 0 && received[from - 1] === received[from]) from -= 1
    const older = outcomesAt(outcomes.slice(from, start), at)
    counted += older.filter((outcome) => countsAt(outcome, at)).length
    known = older.concat(known)
    start = from
  }
  return replyScoreOfOutcomes(known, at)
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

export interface ReplyTime {
  /** The median time from a guest message to the reply that answered it, in ms. */
  medianMs: number
  /** How many answered guest messages it is taken over. */
  answered: number
}

/**
 * The median reply time over guest messages received in the past `periodMs` (30 × 24 h) and
 * answered by `now`. Each guest message counts, as in the score: a burst answered by one reply
 * gives each of its messages its own wait. Null when none was answered.
 */
export function medianReplyTime(
  conversations: readonly MetricsConversation[],
  now: number,
  periodMs = SCORE_PERIOD_MS,
): ReplyTime | null {
  const waits = guestMessageOutcomes(conversations, now)
    .filter((outcome) => now - outcome.receivedAt < periodMs && outcome.repliedAt !== null)
    .map((outcome) => (outcome.repliedAt as number) - outcome.receivedAt)
    .sort((a, b) => a - b)
  if (waits.length === 0) return null
  const middle = Math.floor(waits.length / 2)
  const medianMs =
    waits.length % 2 === 1
      ? (waits[middle] as number)
      : ((waits[middle - 1] as number) + (waits[middle] as number)) / 2
  return { medianMs, answered: waits.length }
}
