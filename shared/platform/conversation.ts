import { z } from 'zod'
import { conversationTypeSchema, messageSchema, participantSchema } from './message'
import { idSchema, isoInstantSchema, referenceSchema } from './primitives'

// Conversations, their tags and the paged conversation list (PLATFORM.md, "Endpoints").

/**
 * `no_reply_needed` on a conversation. `set_at` tells when it was set: the reply score
 * (rule 9) ignores a guest message only when the tag came within 24 hours of it.
 */
export const noReplyNeededTagSchema = z.object({
  set: z.boolean(),
  set_at: isoInstantSchema.nullish().transform((value) => value ?? null),
})

/** `message_read`: which messages a participant has read. */
export const messageReadTagSchema = z.object({
  set: z.boolean().optional(),
  message_ids: z.array(idSchema).default([]),
  participant_id: idSchema.optional(),
})

/** Tags exist only on `reservation` conversations; `request_to_book` ones carry none. */
export const conversationTagsSchema = z.object({
  no_reply_needed: noReplyNeededTagSchema.optional(),
  message_read: messageReadTagSchema.optional(),
})
export type ConversationTags = z.infer<typeof conversationTagsSchema>

const conversationFields = {
  conversation_id: idSchema,
  conversation_type: conversationTypeSchema,
  conversation_reference: referenceSchema.nullable().optional(),
  property_id: idSchema.optional(),
  participants: z.array(participantSchema).default([]),
  tags: conversationTagsSchema.default({}),
}

/** One conversation with its messages (`GET …/conversations/{conversation_id}`). */
export const conversationSchema = z.object({
  ...conversationFields,
  messages: z.array(messageSchema).default([]),
})
export type Conversation = z.infer<typeof conversationSchema>

/** `data` of `GET …/conversations/{id}` and of the lookup by reservation. */
export const conversationResponseSchema = z.object({ conversation: conversationSchema })
export type ConversationResponse = z.infer<typeof conversationResponseSchema>

/** A conversation in the list: only its latest message, or none for a new empty one. */
export const conversationSummarySchema = z.object({
  ...conversationFields,
  messages: z.array(messageSchema).max(1).default([]),
})
export type ConversationSummary = z.infer<typeof conversationSummarySchema>

/** `data` of `GET /properties/{property_id}/conversations`, paged by an opaque `page_id`. */
export const conversationListPageSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  next_page_id: z
    .string()
    .nullish()
    .transform((value) => (value ? value : null)),
})
export type ConversationListPage = z.infer<typeof conversationListPageSchema>
