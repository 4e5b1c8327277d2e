import {
  addDaysInZone,
  addYearsInZone,
  instantOfWallTime,
  parseCalendarDate,
} from '../../shared/time'
import { ApiError } from './http/errors'
import type { SandboxRuntime } from './runtime'
import type { AttachmentRecord, ConversationRecord } from './store/model'

// PROVISIONAL until shared/policy lands: the one place the sandbox enforces the messaging rules.

const MAX_LENGTH = 5000
const MAX_ATTACHMENT_BYTES = 1024 * 1024

function endInstant(runtime: SandboxRuntime, conversation: ConversationRecord): number | null {
  const { state } = runtime.store
  const property = state.properties.get(conversation.property_id)
  const reservation = state.reservations.get(conversation.conversation_reference)
  if (!property || !reservation) return null
  if (reservation.cancelled_at) return Date.parse(reservation.cancelled_at)
  const date = parseCalendarDate(reservation.checkout)
  if (!date) return null
  const [hour, minute] = property.checkout_time.split(':').map(Number)
  return instantOfWallTime(
    { ...date, hour: hour ?? 11, minute: minute ?? 0, second: 0, millisecond: 0 },
    property.time_zone,
  )
}

/** Rule 3. */
export function isReadable(runtime: SandboxRuntime, conversation: ConversationRecord): boolean {
  const end = endInstant(runtime, conversation)
  const zone = runtime.store.state.properties.get(conversation.property_id)?.time_zone ?? 'UTC'
  return end === null || runtime.clock.now() < addYearsInZone(end, 1, zone)
}

export function checkSend(
  runtime: SandboxRuntime,
  conversation: ConversationRecord,
  content: string,
  attachments: AttachmentRecord[],
): { content: string } {
  const now = runtime.clock.now()
  const zone = runtime.store.state.properties.get(conversation.property_id)?.time_zone ?? 'UTC'
  const end = endInstant(runtime, conversation)
  const lastGuest = runtime.store.state
    .conversationMessages(conversation.conversation_id)
    .filter((m) => m.sender_type === 'guest')
    .at(-1)
  const sendOpen = end === null || now < addDaysInZone(end, 7, zone)
  const replyOpen =
    lastGuest !== undefined && now < Date.parse(lastGuest.timestamp) + 14 * 86_400_000
  if (!sendOpen && !replyOpen) refuse('send_window_closed', 'The send window has closed.')
  if (content.trim() === '') refuse('empty_message', 'A message needs text.')
  if (content.length > MAX_LENGTH) refuse('message_too_long', 'The message is too long.')
  if (attachments.length > 0 && conversation.conversation_type === 'request_to_book') {
    refuse('attachments_not_allowed', 'No attachments in request_to_book conversations.')
  }
  return { content }
}

export function checkUpload(
  _runtime: SandboxRuntime,
  conversation: ConversationRecord,
  bytes: Buffer,
  declaredType: string,
): string {
  if (conversation.conversation_type === 'request_to_book') {
    refuse('attachments_not_allowed', 'No attachments in request_to_book conversations.')
  }
  const type = imageTypeOf(bytes)
  if (!type) refuse('attachment_type_not_allowed', 'Only JPEG and PNG images.')
  if (bytes.length > MAX_ATTACHMENT_BYTES) refuse('attachment_too_large', 'At most 1 MB.')
  void declaredType
  return type
}

export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'image/png'
  if (b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg'
  return null
}

function refuse(code: string, message: string): never {
  throw new ApiError(400, code, message)
}
