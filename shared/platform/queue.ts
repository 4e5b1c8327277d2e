import { z } from 'zod'
import { messageSchema } from './message'
import { isoInstantSchema } from './primitives'

// The machine account's message queue (PLATFORM.md, `GET /messages/latest`, `PUT /messages`).

/** Up to 100 messages, oldest first; a message can come again, so callers de-duplicate by id. */
export const QUEUE_PAGE_MAX = 100

/** `data` of `GET /messages/latest`. */
export const queuePageSchema = z.object({
  messages: z.array(messageSchema).max(QUEUE_PAGE_MAX),
  number_of_messages: z.number().int().nonnegative().optional(),
  timestamp: isoInstantSchema.optional(),
})
export type QueuePage = z.infer<typeof queuePageSchema>

/** `data` of `PUT /messages?number_of_messages=N`; shape only seen in integrations, so loose. */
export const queueConfirmResultSchema = z.looseObject({
  number_of_messages: z.number().int().nonnegative().optional(),
})
export type QueueConfirmResult = z.infer<typeof queueConfirmResultSchema>
