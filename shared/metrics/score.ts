import {
  guestMessageOutcomes,
  REPLY_TARGET_MS,
  type GuestMessageOutcome,
  type MetricsConversation,
} from './outcomes'

// Rule 9, the reply score: the share of guest messages answered within 24 hours over the past
// 30 days; shown once there are 10; with fewer than 10 in 30 days, over the last 10; a message
// marked "no reply needed" within 24 hours does not count.

export const SCORE_PERIOD_MS = 30 * 24 * 60 * 60 * 1000
export const SCORE_MINIMUM_MESSAGES = 10

export type ReplyScore =
  | { status: 'notEnoughMessages'; counted: number; needed: number }
  | {
      status: 'ready'
      /** 0 to 1; the caller formats it as a percentage. */
      score: number
      answeredInTime: number
      counted: number
      basis: 'last30Days' | 'last10Messages'
      /** The oldest counted message's instant. */
      since: number
    }

/** "Within 24 hours" includes the 24th hour's last millisecond: `at + 24 h` itself is in time. */
const within24Hours = (from: number, to: number) => to - from <= REPLY_TARGET_MS

function excluded(outcome: GuestMessageOutcome): boolean {
  const marked = outcome.markedNoReplyNeededAt
  if (marked === null || !within24Hours(outcome.receivedAt, marked)) return false
  // A reply that came before the tag already answered it.
  return outcome.repliedAt === null || outcome.repliedAt > marked
}

/** Settled: answered in time, or its 24 hours are over. A message still inside them does not count yet. */
function settled(outcome: GuestMessageOutcome, now: number): boolean {
  return answeredInTime(outcome) || now - outcome.receivedAt > REPLY_TARGET_MS
}

function answeredInTime(outcome: GuestMessageOutcome): boolean {
  return outcome.repliedAt !== null && within24Hours(outcome.receivedAt, outcome.repliedAt)
}

/** Whether a guest message counts in the score at `now` (settled, and not marked "no reply needed"). */
export function countsAt(outcome: GuestMessageOutcome, now: number): boolean {
  return !excluded(outcome) && settled(outcome, now)
}

/**
 * The reply score at `now` over a property's conversations. The platform updates it daily:
 * pass the instant of the daily update as `now` to show the platform's figure, or the current
 * instant for a live one. The 30 days are 30 × 24 h, the same length whatever the clocks do.
 */
export function replyScore(conversations: readonly MetricsConversation[], now: number): ReplyScore {
  return replyScoreOfOutcomes(guestMessageOutcomes(conversations, now), now)
}

/** `replyScore` from outcomes already known at `now` (see `outcomesAt` to look back in time). */
export function replyScoreOfOutcomes(
  outcomes: readonly GuestMessageOutcome[],
  now: number,
): ReplyScore {
  const countable = outcomes.filter((outcome) => countsAt(outcome, now))
  if (countable.length < SCORE_MINIMUM_MESSAGES) {
    return {
      status: 'notEnoughMessages',
      counted: countable.length,
      needed: SCORE_MINIMUM_MESSAGES,
    }
  }
  const recent = countable.filter((outcome) => now - outcome.receivedAt < SCORE_PERIOD_MS)
  const lastThirtyDays = recent.length >= SCORE_MINIMUM_MESSAGES
  const basis = lastThirtyDays ? recent : latest(countable, SCORE_MINIMUM_MESSAGES)
  const answered = basis.filter(answeredInTime).length
  return {
    status: 'ready',
    score: answered / basis.length,
    answeredInTime: answered,
    counted: basis.length,
    basis: lastThirtyDays ? 'last30Days' : 'last10Messages',
    since: Math.min(...basis.map((outcome) => outcome.receivedAt)),
  }
}

/**
 * The `count` latest outcomes, by receipt and then message id: the order the score's "last 10"
 * are taken in. Picked in one pass; sorting a year of messages for ten of them was most of the
 * metrics worker's time (issue 11).
 */
function latest(outcomes: readonly GuestMessageOutcome[], count: number): GuestMessageOutcome[] {
  const before = (a: GuestMessageOutcome, b: GuestMessageOutcome) =>
    a.receivedAt > b.receivedAt ||
    (a.receivedAt === b.receivedAt && a.messageId.localeCompare(b.messageId) < 0)
  const top: GuestMessageOutcome[] = []
  for (const outcome of outcomes) {
    if (top.length === count && !before(outcome, top[count - 1]!)) continue
    let at = top.length
    while (at > 0 && before(outcome, top[at - 1]!)) at -= 1
    top.splice(at, 0, outcome)
    if (top.length > count) top.pop()
  }
  return top
}
