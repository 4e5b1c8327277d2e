import { z } from 'zod'
import { idSchema, isoInstantSchema } from './primitives'

// Attachments: upload, metadata and download (PLATFORM.md, "Endpoints"; content rules are rule 4,
// enforced by shared/policy, not here: a schema only says what the wire looks like).

/** Standard base64 with padding; content is checked for what it is elsewhere (magic numbers). */
export const base64Schema = z.base64()

/** Body of `POST …/conversations/{conversation_id}/attachments`. */
export const attachmentUploadRequestSchema = z.object({
  attachment: z.object({
    file_name: z.string().min(1),
    file_type: z.string().min(1),
    file_size: z.number().int().nonnegative(),
    file_content: base64Schema,
  }),
})
export type AttachmentUploadRequest = z.infer<typeof attachmentUploadRequestSchema>

/** `data` of an upload. */
export const attachmentUploadResultSchema = z.object({ attachment_id: idSchema })
export type AttachmentUploadResult = z.infer<typeof attachmentUploadResultSchema>

/** `data` of `GET …/attachments/{attachment_id}/metadata`. */
export const attachmentMetadataSchema = z.object({
  attachment_id: idSchema,
  conversation_id: idSchema.optional(),
  file_name: z.string(),
  file_type: z.string(),
  file_size: z.number().int().nonnegative(),
  uploaded_at: isoInstantSchema.optional(),
})
export type AttachmentMetadata = z.infer<typeof attachmentMetadataSchema>

/** `data` of `GET …/attachments/{attachment_id}`: the file as base64. */
export const attachmentDownloadSchema = z.object({
  attachment_id: idSchema.optional(),
  file_name: z.string().optional(),
  file_type: z.string().optional(),
  file_content: base64Schema,
})
export type AttachmentDownload = z.infer<typeof attachmentDownloadSchema>
