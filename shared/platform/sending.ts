import { z } from 'zod'
import { idSchema } from './primitives'

// Request and result bodies of the write endpoints (PLATFORM.md, "Endpoints").

/** Body of `POST …/conversations/{conversation_id}` (send). */
export const sendMessageRequestSchema = z.object({
  message: z.object({
    content: z.string(),
    attachment_ids: z.array(idSchema).default([]),
  }),
})
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>

/** `data` of a send: the id the platform gave the new message. */
export const sendMessageResultSchema = z.object({ message_id: idSchema })
export type SendMessageResult = z.infer<typeof sendMessageResultSchema>

/** Body of `PUT` / `DELETE …/tags/message_read`. */
export const messageReadRequestSchema = z.object({
  message_ids: z.array(idSchema).min(1),
  participant_id: idSchema,
})
export type MessageReadRequest = z.infer<typeof messageReadRequestSchema>

/** `data` of the tag endpoints; the platform says little, so everything is optional. */
export const tagResultSchema = z.looseObject({ ok: z.union([z.boolean(), z.string()]).optional() })
export type TagResult = z.infer<typeof tagResultSchema>
