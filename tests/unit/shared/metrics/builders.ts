import fc from 'fast-check'
import type { MetricsConversation, MetricsMessage } from '@shared/metrics'

export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR
export const NOW = Date.parse('2024-06-30T12:00:00.000Z')

let sequence = 0

export function message(
  sender: 'guest' | 'property',
  at: number,
  needsReply?: boolean,
): MetricsMessage {
  sequence += 1
  return {
    messageId: `m-${sequence}`,
    at,
    sender,
    ...(needsReply === undefined ? {} : { needsReply }),
  }
}

export function conversation(
  messages: MetricsMessage[],
  tag: { at: number | null } | null = null,
  conversationId = `c-${(sequence += 1)}`,
): MetricsConversation {
  return { conversationId, messages, noReplyNeeded: tag !== null, noReplyNeededAt: tag?.at ?? null }
}

/** `count` conversations, each one guest message `age` before NOW answered after `replyAfter` (null: never). */
export function threads(
  count: number,
  age: number,
  replyAfter: number | null,
): MetricsConversation[] {
  return Array.from({ length: count }, (_, index) => {
    const at = NOW - age - index * HOUR
    const messages = [message('guest', at)]
    if (replyAfter !== null) messages.push(message('property', at + replyAfter))
    return conversation(messages)
  })
}

/**
 * Random conversations for property tests: each with guest messages and replies `age` ms before
 * NOW (drawn by `age`), maybe a "no reply needed" tag.
 */
export function arbitraryConversations(
  age: fc.Arbitrary<number>,
  { guests = 4, replies = 3, conversations = 15 } = {},
): fc.Arbitrary<MetricsConversation[]> {
  return fc
    .array(
      fc.record({
        guests: fc.array(age, { minLength: 1, maxLength: guests }),
        replies: fc.array(age, { maxLength: replies }),
        tag: fc.option(age),
      }),
      { maxLength: conversations },
    )
    .map((facts) =>
      facts.map((fact, index) =>
        conversation(
          [
            ...fact.guests.map((ago) => message('guest', NOW - ago)),
            ...fact.replies.map((ago) => message('property', NOW - ago)),
          ],
          fact.tag === null ? null : { at: NOW - fact.tag },
          `c-${index}`,
        ),
      ),
    )
}
