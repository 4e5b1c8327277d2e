// What happened to each guest message: the shared basis of reply deadlines and the reply score
// (PLATFORM.md rules 2 and 9). Instants are epoch milliseconds.

export const REPLY_TARGET_MS = 24 * 60 * 60 * 1000

export interface MetricsMessage {
  messageId: string
  at: number
  sender: 'guest' | 'property'
  /** False for guest messages that ask for no answer here (platform events); default true. */
  needsReply?: boolean
}

export interface MetricsConversation {
  conversationId: string
  messages: readonly MetricsMessage[]
  /** The `no_reply_needed` tag is set on the conversation. */
  noReplyNeeded: boolean
  /** When it was set, if the platform says. */
  noReplyNeededAt: number | null
}

export interface GuestMessageOutcome {
  conversationId: string
  messageId: string
  receivedAt: number
  /**
   * The first property message after it, or null. Decision: one property reply answers every
   * guest message before it in the same conversation (guests often write several in a row,
   * and each one counts for the platform); a reply must be strictly later than the message.
   */
  repliedAt: number | null
  /** `no_reply_needed` was set on or after this message (null: not set, or set before it). */
  markedNoReplyNeededAt: number | null
  /** The desk marked it no reply needed without a time (the platform gave none). */
  markedNoReplyNeededUntimed: boolean
}

/** Outcomes of every guest message that needs a reply, as known at `now` (later data is ignored). */
export function guestMessageOutcomes(
  conversations: readonly MetricsConversation[],
  now: number,
): GuestMessageOutcome[] {
  return conversations.flatMap((conversation) => {
    const known = conversation.messages.filter((message) => message.at <= now)
    const replies = known
      .filter((message) => message.sender === 'property')
      .map((message) => message.at)
      .sort((a, b) => a - b)
    const taggedAt =
      conversation.noReplyNeeded &&
      conversation.noReplyNeededAt !== null &&
      conversation.noReplyNeededAt <= now
        ? conversation.noReplyNeededAt
        : null
    const untimed = conversation.noReplyNeeded && conversation.noReplyNeededAt === null
    return known
      .filter((message) => message.sender === 'guest' && message.needsReply !== false)
      .map((message) => ({
        conversationId: conversation.conversationId,
        messageId: message.messageId,
        receivedAt: message.at,
        repliedAt: replies.find((at) => at > message.at) ?? null,
        markedNoReplyNeededAt: taggedAt !== null && taggedAt >= message.at ? taggedAt : null,
        markedNoReplyNeededUntimed: untimed,
      }))
  })
}

/**
 * The outcome as it stood once replies up to `repliesAt` and "no reply needed" tags up to
 * `tagsAt` had happened (later ones had not); the same object when nothing is cut.
 */
export function outcomeKnownAt(
  outcome: GuestMessageOutcome,
  repliesAt: number,
  tagsAt = repliesAt,
): GuestMessageOutcome {
  const repliedAt =
    outcome.repliedAt !== null && outcome.repliedAt <= repliesAt ? outcome.repliedAt : null
  const marked =
    outcome.markedNoReplyNeededAt !== null && outcome.markedNoReplyNeededAt <= tagsAt
      ? outcome.markedNoReplyNeededAt
      : null
  return repliedAt === outcome.repliedAt && marked === outcome.markedNoReplyNeededAt
    ? outcome
    : { ...outcome, repliedAt, markedNoReplyNeededAt: marked }
}
