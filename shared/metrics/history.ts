import { addCalendarDays, formatCalendarDate, instantOfWallTime, wallTimeAt } from '../time'
import {
  guestMessageOutcomes,
  outcomeKnownAt,
  type GuestMessageOutcome,
  type MetricsConversation,
} from './outcomes'
import { SCORE_PERIOD_MS, type ReplyScore } from './score'
import { outcomeTable, scoreOf, type OutcomeTable } from './table'

// The reply score looked back on (rule 9, "updated daily"): the score each day, and the median
// time a reply took. Outcomes are computed once (table.ts) and projected to each past instant,
// instead of rebuilding every conversation 90 times.

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
    .map((outcome) => outcomeKnownAt(outcome, at))
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
  return dailyScoresOf(outcomeTable(conversations), now, timeZone, days)
}

/**
 * `dailyReplyScores` from the conversations' outcome table (table.ts): each day's score reads
 * only the outcomes it depends on. 90 days over a property's year of messages were 90 passes
 * over all of them: 4 s for 200,000 messages (issue 11).
 */
export function dailyScoresOf(
  table: OutcomeTable,
  now: number,
  timeZone: string,
  days = 90,
): DailyReplyScore[] {
  const today = wallTimeAt(now, timeZone)
  const result: DailyReplyScore[] = []
  for (let back = days - 1; back >= 0; back -= 1) {
    const date = addCalendarDays(today, -back)
    const at = back === 0 ? now : startOfDay(addCalendarDays(date, 1), timeZone) - 1
    result.push({ date: formatCalendarDate(date), at, score: scoreOf(table, at) })
  }
  return result
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
