import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { decodeBase64Strict } from '../base64'
import { ApiError, notFound, parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { checkUpload } from '../rules'
import type { AttachmentRecord } from '../store/model'
import { commit, requireConversation, requireProperty } from './common'

// Attachments (PLATFORM.md, Endpoints; rule 4 is checked in rules.ts).

const uploadSchema = z.object({
  attachment: z.object({
    file_name: z.string().min(1).max(255),
    file_type: z.string().min(1).max(100),
    file_size: z.number().int().nonnegative(),
    file_content: z.string(),
  }),
})

/** `POST …/conversations/{conversation_id}/attachments` */
export async function uploadAttachment(request: ApiRequest) {
  const property = requireProperty(request)
  const conversation = requireConversation(request, property)
  const { attachment } = parseInput(uploadSchema, request.body, 'body')
  const bytes = decodeBase64Strict(attachment.file_content)
  if (!bytes) {
    throw new ApiError(400, 'invalid_base64', 'attachment.file_content is not standard base64.')
  }
  if (bytes.length !== attachment.file_size) {
    throw new ApiError(
      400,
      'file_size_mismatch',
      `attachment.file_size says ${attachment.file_size} bytes but the content has ${bytes.length}.`,
    )
  }
  const fileType = checkUpload(conversation, attachment.file_name, attachment.file_type, bytes)
  const record: AttachmentRecord = {
    attachment_id: randomUUID(),
    conversation_id: conversation.conversation_id,
    file_name: attachment.file_name,
    file_type: fileType,
    file_size: bytes.length,
    sha256: await request.runtime.store.putBlob(bytes),
    uploaded_at: request.runtime.clock.nowIso(),
  }
  await commit(request.runtime, [{ type: 'attachment_stored', attachment: record }])
  return { attachment_id: record.attachment_id }
}

function requireAttachment(request: ApiRequest): AttachmentRecord {
  const property = requireProperty(request)
  const conversation = requireConversation(request, property)
  const id = request.params.attachment_id ?? ''
  const attachment = request.runtime.store.state.attachments.get(id)
  if (!attachment || attachment.conversation_id !== conversation.conversation_id) {
    throw notFound('attachment', id)
  }
  return attachment
}

/** `GET …/attachments/{attachment_id}`: the file as base64. */
export async function downloadAttachment(request: ApiRequest) {
  const attachment = requireAttachment(request)
  const bytes = await request.runtime.store.readBlob(attachment.sha256)
  return {
    attachment_id: attachment.attachment_id,
    file_name: attachment.file_name,
    file_type: attachment.file_type,
    file_content: bytes.toString('base64'),
  }
}

/** `GET …/attachments/{attachment_id}/metadata` */
export function attachmentMetadata(request: ApiRequest) {
  const attachment = requireAttachment(request)
  return {
    attachment_id: attachment.attachment_id,
    conversation_id: attachment.conversation_id,
    file_name: attachment.file_name,
    file_type: attachment.file_type,
    file_size: attachment.file_size,
    uploaded_at: attachment.uploaded_at,
  }
}
