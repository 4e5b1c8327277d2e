import { unansweredGuestMessages, type UnansweredMessage } from './deadlines'
import type { MetricsConversation } from './outcomes'
import { replyScore, type ReplyScore } from './score'

// What the unanswered guest messages still inside their 24 hours will do to the reply score
// (rule 9): it is simulated with the score's own function, once with a reply to each of them
// now and once with none, both read when the last of them has settled.

export interface ReplyForecast {
  /** Unanswered guest messages whose 24 hours are not over, most urgent first. */
  atRisk: UnansweredMessage[]
  /** When the last of them settles: both scores below are read at this instant. */
  settlesAt: number
  /** The score if every one of them is answered now. */
  ifAnswered: ReplyScore
  /** The score if none of them is answered within its 24 hours. */
  ifMissed: ReplyScore
}

export function replyForecast(
  conversations: readonly MetricsConversation[],
  now: number,
  timeZone: string,
): ReplyForecast {
  const atRisk = unansweredGuestMessages(conversations, now, timeZone).filter(
    (message) => !message.overdue,
  )
  const settlesAt = Math.max(now, ...atRisk.map((message) => message.targetAt + 1))
  const waiting = new Set(atRisk.map((message) => message.conversationId))
  // A reply 1 ms from now: strictly after every message known now, and inside every target.
  const replyAt = now + 1
  // Read later, the scores would also see data after `now` (a desk clock behind the platform's).
  // (Copied only then: at a year of messages every copy is work for the worker, issue 11.)
  const later = conversations.some((conversation) =>
    conversation.messages.some((message) => message.at > now),
  )
  const known = later
    ? conversations.map((conversation) => ({
        ...conversation,
        messages: conversation.messages.filter((message) => message.at <= now),
      }))
    : conversations
  const answered = known.map((conversation) =>
    waiting.has(conversation.conversationId)
      ? {
          ...conversation,
          messages: [
            ...conversation.messages,
            {
              messageId: `forecast-reply:${conversation.conversationId}`,
              at: replyAt,
              sender: 'property' as const,
            },
          ],
        }
      : conversation,
  )
  return {
    atRisk,
    settlesAt,
    ifAnswered: replyScore(answered, settlesAt),
    ifMissed: replyScore(known, settlesAt),
  }
}
