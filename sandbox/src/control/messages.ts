import type { z } from 'zod'
import { commit } from '../api/common'
import { decodeBase64Strict } from '../base64'
import { nextTimestamp } from '../api/send'
import { messageEvent, randomIds } from '../factory'
import { ApiError, notFound, parseInput } from '../http/errors'
import type { ControlRequest } from '../http/types'
import { imageTypeOf } from '../rules'
import type { AttachmentRecord } from '../store/model'
import { guestMessageSchema, oneOrMany } from './schemas'

type GuestMessage = z.output<typeof guestMessageSchema>

/** `POST /sandbox/guest-messages`: a guest writes; one object, or an array for bulk loads. */
export async function createGuestMessages(request: ControlRequest) {
  const body = parseInput(oneOrMany(guestMessageSchema), request.body, 'body')
  const items = Array.isArray(body) ? body : [body]
  const { store, clock } = request.runtime
  for (const item of items) {
    const conversation = store.state.conversations.get(item.conversation_id)
    if (!conversation || conversation.property_id !== item.property_id) {
      throw notFound('conversation', item.conversation_id)
    }
  }
  const photos = await Promise.all(items.map((item) => storePhotos(request, item)))
  const written: Promise<void>[] = []
  const results = items.map((item, index) => {
    const attachments = (photos[index] ?? []).map((photo) => ({
      ...photo,
      attachment_id: randomIds.uuid(),
    }))
    const event = messageEvent(
      {
        conversation_id: item.conversation_id,
        content: item.content,
        timestamp: item.timestamp ?? nextTimestamp(store.state, item.conversation_id, clock.now()),
        sender_type: 'guest',
        message_type: item.message_type,
        attributes: item.attributes,
        attachment_ids: attachments.map((attachment) => attachment.attachment_id),
      },
      randomIds,
    )
    const stored = attachments.map((attachment) => ({
      type: 'attachment_stored' as const,
      attachment,
    }))
    written.push(commit(request.runtime, [...stored, event]))
    return { message_id: event.message.message_id }
  })
  await Promise.all(written)
  return Array.isArray(body) ? results : results[0]
}

async function storePhotos(
  request: ControlRequest,
  item: GuestMessage,
): Promise<Omit<AttachmentRecord, 'attachment_id'>[]> {
  const photos: Omit<AttachmentRecord, 'attachment_id'>[] = []
  for (const photo of item.attachments ?? []) {
    const bytes = decodeBase64Strict(photo.file_content)
    if (!bytes)
      throw new ApiError(
        400,
        'invalid_base64',
        'attachments[].file_content is not standard base64.',
      )
    const fileType = imageTypeOf(bytes)
    if (!fileType)
      throw new ApiError(400, 'attachment_type_not_allowed', 'Guest photos are JPEG or PNG.')
    photos.push({
      conversation_id: item.conversation_id,
      file_name: photo.file_name,
      file_type: fileType,
      file_size: bytes.length,
      sha256: await request.runtime.store.putBlob(bytes),
      uploaded_at: request.runtime.clock.nowIso(),
    })
  }
  return photos
}

/** `GET /sandbox/sent`: everything the property side sent, in the order it was accepted. */
export function listSent(request: ControlRequest) {
  const { state } = request.runtime.store
  return {
    messages: state.sent.flatMap((id) => {
      const message = state.messages.get(id)
      const conversation = message && state.conversations.get(message.conversation_id)
      if (!message || !conversation) return []
      return [
        {
          message_id: message.message_id,
          property_id: conversation.property_id,
          conversation_id: message.conversation_id,
          content: message.content,
          attachment_ids: message.attachment_ids,
          timestamp: message.timestamp,
        },
      ]
    }),
  }
}
