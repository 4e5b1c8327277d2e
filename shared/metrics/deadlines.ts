import { addDaysInZone } from '../time'
import {
  guestMessageOutcomes,
  REPLY_TARGET_MS,
  type GuestMessageOutcome,
  type MetricsConversation,
} from './outcomes'

// Rule 9's 24-hour target and rule 2's 14-day reply deadline for every guest message still
// waiting for an answer.

export const REPLY_DEADLINE_DAYS = 14

export interface UnansweredMessage {
  conversationId: string
  messageId: string
  receivedAt: number
  /** Rule 9: answered by this instant (24 elapsed hours) it counts as answered in time. */
  targetAt: number
  /** Rule 2: the property can answer until this instant (14 calendar days, property clock). */
  replyDeadline: number
  /** `now` is past the 24-hour target. */
  overdue: boolean
  /** `now` is at or past the reply deadline: it can no longer be answered through rule 2. */
  deadlinePassed: boolean
}

/**
 * Guest messages with no property message after them and not marked no reply needed, most
 * urgent first. `timeZone` is the property's: 14 days keep the wall-clock time across DST.
 */
export function unansweredGuestMessages(
  conversations: readonly MetricsConversation[],
  now: number,
  timeZone: string,
): UnansweredMessage[] {
  return guestMessageOutcomes(conversations, now)
    .map((outcome) => unansweredMessage(outcome, now, timeZone))
    .filter((message) => message !== null)
    .sort(byUrgency)
}

/**
 * The outcome as a waiting message, or null when it was answered or marked no reply needed.
 * `outcome` must be known at `now` (table.ts reads tables with it).
 */
export function unansweredMessage(
  outcome: GuestMessageOutcome,
  now: number,
  timeZone: string,
): UnansweredMessage | null {
  if (outcome.repliedAt !== null) return null
  if (outcome.markedNoReplyNeededAt !== null || outcome.markedNoReplyNeededUntimed) return null
  const targetAt = outcome.receivedAt + REPLY_TARGET_MS
  const replyDeadline = addDaysInZone(outcome.receivedAt, REPLY_DEADLINE_DAYS, timeZone)
  return {
    conversationId: outcome.conversationId,
    messageId: outcome.messageId,
    receivedAt: outcome.receivedAt,
    targetAt,
    replyDeadline,
    overdue: now > targetAt,
    deadlinePassed: now >= replyDeadline,
  }
}

/** Most urgent first: by 24-hour target, then by message id. */
export const byUrgency = (
  a: Pick<UnansweredMessage, 'targetAt' | 'messageId'>,
  b: Pick<UnansweredMessage, 'targetAt' | 'messageId'>,
) => a.targetAt - b.targetAt || a.messageId.localeCompare(b.messageId)
