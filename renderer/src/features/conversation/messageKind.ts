import type { Message } from '@shared/platform'
import { EXTRANET_ONLY_TOPICS } from '@shared/policy'

// What a message is, for the way it is shown: who speaks (guest, property, an automatic
// template, or a platform event) and, for self-service requests, which topic it is about.

export type SenderKind = 'guest' | 'property' | 'template' | 'platform'

export function senderKind(message: Message): SenderKind {
  if (
    message.message_type === 'self_service_event' ||
    message.message_type === 'request_to_book_event'
  )
    return 'platform'
  if (message.message_type === 'automatically_sent_template') return 'template'
  return message.sender.metadata.participant_type
}

/** The self-service topics (PLATFORM.md "Objects") as keys of `conversation:selfService.topics`. */
const TOPIC_KEYS = {
  checkin: 'checkin',
  checkout: 'checkout',
  change_dates_nr: 'changeDates',
  cancel_booking: 'cancelBooking',
  booking_basic_waive_fee: 'cancelForLess',
  parking: 'parking',
  free_text_parking: 'parking',
  bed_type: 'bedType',
  extra_crib: 'extraCrib',
  extra_bed: 'extraBed',
} as const

export type TopicKey = (typeof TOPIC_KEYS)[keyof typeof TOPIC_KEYS] | 'other'

export function topicKey(topic: string | undefined): TopicKey {
  return (topic && TOPIC_KEYS[topic as keyof typeof TOPIC_KEYS]) || 'other'
}

/** Date change and cancel-for-less can be answered only in the platform's extranet. */
export function answeredInExtranet(topic: string | undefined): boolean {
  return topic !== undefined && EXTRANET_ONLY_TOPICS.has(topic)
}
