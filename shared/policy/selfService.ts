import type { Message } from '../platform'
import type { PolicyConversation } from './context'
import { decide, reason, type PolicyDecision, type ReasonCode } from './reasons'

// PLATFORM.md "Objects": self-service requests for a date change and for cancel-for-less
// (waiving the cancellation fee) cannot be answered through the API, only in the extranet.

/** Topics answered only in the platform's extranet, and the note each one gets. */
export const EXTRANET_ONLY_TOPICS: ReadonlyMap<string, ReasonCode> = new Map([
  ['change_dates_nr', 'answerInExtranetDateChange'],
  ['booking_basic_waive_fee', 'answerInExtranetCancelForLess'],
])

/** Self-service topics the guest raised after the property last wrote, oldest first, once each. */
export function openSelfServiceTopics(messages: readonly Message[]): string[] {
  const sorted = [...messages].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
  const topics: string[] = []
  for (const message of sorted) {
    if (message.sender.metadata.participant_type === 'property') topics.length = 0
    const topic = message.attributes?.self_service_topic
    if (message.sender.metadata.participant_type === 'guest' && topic && !topics.includes(topic))
      topics.push(topic)
  }
  return topics
}

/** Notes for open requests the desk cannot answer here; they never block a message. */
export function evaluateSelfService(
  conversation: Pick<PolicyConversation, 'openSelfServiceTopics'>,
): PolicyDecision {
  const codes = (conversation.openSelfServiceTopics ?? []).flatMap((topic) => {
    const code = EXTRANET_ONLY_TOPICS.get(topic)
    return code ? [code] : []
  })
  return decide([...new Set(codes)].map((code) => reason(code)))
}
