import { addDaysInZone } from '../time'
import { guestMessageOutcomes, REPLY_TARGET_MS, type MetricsConversation } from './outcomes'

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
    .filter((outcome) => outcome.repliedAt === null)
    .filter(
      (outcome) => outcome.markedNoReplyNeededAt === null && !outcome.markedNoReplyNeededUntimed,
    )
    .map((outcome) => {
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
    })
    .sort((a, b) => a.targetAt - b.targetAt || a.messageId.localeCompare(b.messageId))
}
