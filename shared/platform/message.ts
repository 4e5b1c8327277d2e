import { z } from 'zod'
import { idSchema, isoInstantSchema, referenceSchema } from './primitives'

// The message object of the Messaging API (PLATFORM.md, "Objects"), versions 1.0 and 1.2.

export const CONVERSATION_TYPES = ['reservation', 'request_to_book'] as const
export const conversationTypeSchema = z.enum(CONVERSATION_TYPES)
export type ConversationType = z.infer<typeof conversationTypeSchema>

export const PARTICIPANT_TYPES = ['guest', 'property'] as const
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number]

/**
 * `guest` or `property`. Older data says `hotel` for the property: accepted and normalised,
 * case-insensitively, so callers only ever see `guest | property`.
 */
export const participantTypeSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['guest', 'property', 'hotel']))
  .transform((value): ParticipantType => (value === 'hotel' ? 'property' : value))

export const participantMetadataSchema = z.object({
  participant_type: participantTypeSchema,
  name: z.string().optional(),
})

/** The sender of a message, and the shape of a conversation participant. */
export const participantSchema = z.object({
  participant_id: idSchema,
  metadata: participantMetadataSchema,
})
export type Participant = z.infer<typeof participantSchema>

/** Version 1.2 message types. Unknown future values pass as plain strings instead of failing a whole page. */
export const MESSAGE_TYPES = [
  'free_text',
  'email',
  'automatically_sent_template',
  'self_service_event',
  'request_to_book_event',
] as const
export type KnownMessageType = (typeof MESSAGE_TYPES)[number]
// `string & {}` keeps editor completion for the known values.
export type MessageType = KnownMessageType | (string & {})
export const messageTypeSchema = z
  .union([z.enum(MESSAGE_TYPES), z.string().min(1)])
  .transform((value): MessageType => value)

export const SELF_SERVICE_TOPICS = [
  'checkin',
  'checkout',
  'change_dates_nr',
  'cancel_booking',
  'booking_basic_waive_fee',
  'parking',
  'free_text_parking',
  'bed_type',
  'extra_crib',
  'extra_bed',
] as const
export type KnownSelfServiceTopic = (typeof SELF_SERVICE_TOPICS)[number]
export type SelfServiceTopic = KnownSelfServiceTopic | (string & {})
export const selfServiceTopicSchema = z
  .union([z.enum(SELF_SERVICE_TOPICS), z.string().min(1)])
  .transform((value): SelfServiceTopic => value)

/** Version 1.2 `attributes`; other keys the platform adds are kept as they are. */
export const messageAttributesSchema = z.looseObject({
  self_service_topic: selfServiceTopicSchema.optional(),
  template_id: z.string().optional(),
})
export type MessageAttributes = z.infer<typeof messageAttributesSchema>

/** The conversation a message belongs to, as embedded in the message. */
export const messageConversationSchema = z.object({
  conversation_id: idSchema,
  conversation_type: conversationTypeSchema,
  conversation_reference: referenceSchema.nullable().optional(),
  property_id: idSchema.optional(),
})

export const messageSchema = z.object({
  message_id: idSchema,
  // Event messages (1.2) may come without text; we keep an empty string rather than null.
  content: z
    .string()
    .nullish()
    .transform((text) => text ?? ''),
  timestamp: isoInstantSchema,
  sender: participantSchema,
  conversation: messageConversationSchema,
  attachment_ids: z.array(idSchema).default([]),
  message_type: messageTypeSchema.optional(),
  attributes: messageAttributesSchema.nullish().transform((value) => value ?? undefined),
})
export type Message = z.infer<typeof messageSchema>
/** What the platform (or the sandbox) may put on the wire for a message. */
export type MessageWire = z.input<typeof messageSchema>
