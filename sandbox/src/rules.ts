import {
  DEFAULT_POLICY_CONFIG,
  evaluateAttachments,
  evaluateReadWindow,
  evaluateSend,
  sniffImageType,
  SNIFF_BYTES,
  type ImageType,
  type PolicyConversation,
  type PolicyReason,
  type ReasonCode,
} from '../../shared/policy'
import { ApiError } from './http/errors'
import type { SandboxRuntime } from './runtime'
import type { AttachmentRecord, ConversationRecord } from './store/model'

// The one place the sandbox enforces the messaging rules: through shared/policy, the same
// functions the desk runs before sending (ARCHITECTURE.md, "One policy, three places").
// Policy reasons become the platform's stable error codes here.

const REFUSALS: Partial<Record<ReasonCode, [status: number, code: string]>> = {
  sendWindowNotOpen: [403, 'send_window_not_open'],
  sendWindowClosed: [403, 'send_window_closed'],
  conversationExpired: [410, 'read_window_closed'],
  attachmentNotImage: [400, 'attachment_type_not_allowed'],
  attachmentTooLarge: [400, 'attachment_too_large'],
  attachmentUnreadable: [400, 'attachment_unreadable'],
  attachmentWithoutText: [400, 'attachment_without_text'],
  attachmentsInRequestToBook: [400, 'attachments_not_allowed'],
  linksDisabled: [400, 'links_disabled'],
  contactDetailsInRequestToBook: [400, 'contact_details_not_allowed'],
  textEmpty: [400, 'empty_message'],
  textTooLong: [400, 'message_too_long'],
}

const MESSAGES: Partial<Record<ReasonCode, string>> = {
  sendWindowNotOpen: 'The property cannot write before the booking exists (rule 1).',
  sendWindowClosed:
    'The send window closed 7 days after check-out or cancellation, and no guest message is under 14 days old (rules 1 and 2).',
  conversationExpired:
    'This conversation ended more than a year ago and can no longer be read (rule 3).',
  attachmentNotImage: 'Attachments must be JPEG or PNG images (rule 4).',
  attachmentTooLarge: `Attachments are limited to ${DEFAULT_POLICY_CONFIG.maxAttachmentBytes} bytes (rule 4).`,
  attachmentUnreadable: 'The attachment could not be read (rule 4).',
  attachmentWithoutText: 'A message with attachments must also have text (rule 4).',
  attachmentsInRequestToBook: 'request_to_book conversations take no attachments.',
  linksDisabled: 'Links are switched off for this property (rule 5).',
  contactDetailsInRequestToBook:
    'Contact details cannot be shared in a request_to_book conversation (rule 6).',
  textEmpty: 'A message needs text (rule 11).',
  textTooLong: `Messages are limited to ${DEFAULT_POLICY_CONFIG.maxTextLength} characters (rule 11).`,
}

/** The policy's view of a conversation, built from the sandbox's records. */
export function policyConversation(
  runtime: SandboxRuntime,
  conversation: ConversationRecord,
): PolicyConversation {
  const { state } = runtime.store
  const property = state.properties.get(conversation.property_id)
  const reservation = state.reservations.get(conversation.conversation_reference)
  const lastGuest = state
    .conversationMessages(conversation.conversation_id)
    .findLast((message) => message.sender_type === 'guest')
  return {
    conversationType: conversation.conversation_type,
    property: {
      timeZone: property?.time_zone ?? 'UTC',
      checkoutTime: property?.checkout_time ?? null,
      linksDisabled: property?.links_disabled ?? false,
      approvedLinks: property?.approved_links ?? [],
    },
    reservation: reservation
      ? {
          reference: reservation.reservation_id,
          bookedAt: Date.parse(reservation.booked_at),
          checkin: reservation.checkin,
          checkout: reservation.checkout,
          cancelledAt:
            reservation.cancelled_at === null ? null : Date.parse(reservation.cancelled_at),
        }
      : null,
    lastGuestMessageAt: lastGuest ? Date.parse(lastGuest.timestamp) : null,
  }
}

/** Rule 3: after a year the platform stops serving the conversation. */
export function isReadable(runtime: SandboxRuntime, conversation: ConversationRecord): boolean {
  return !evaluateReadWindow(policyConversation(runtime, conversation), runtime.clock.now()).expired
}

/**
 * Rules 1–6 and 11 for a message the property sends. Refuses with every blocking reason;
 * otherwise returns the content as the platform stores it, unapproved links stripped (rule 5),
 * and a warning per stripped link.
 */
export function checkSend(
  runtime: SandboxRuntime,
  conversation: ConversationRecord,
  content: string,
  attachments: AttachmentRecord[],
): { content: string; strippedLinks: string[] } {
  const decision = evaluateSend(
    policyConversation(runtime, conversation),
    {
      text: content,
      // The bytes were sniffed at upload; their recorded type stands for them here.
      attachments: attachments.map((attachment) => ({
        fileName: attachment.file_name,
        size: attachment.file_size,
        head: headOf(attachment.file_type),
      })),
    },
    runtime.clock.now(),
  )
  refuseIfBlocked(decision.reasons)
  const stripped = decision.links.filter((link) => !link.approved).sort((a, b) => b.start - a.start)
  let kept = content
  for (const link of stripped) kept = kept.slice(0, link.start) + kept.slice(link.end)
  return { content: kept, strippedLinks: stripped.map((link) => link.text).reverse() }
}

/** Rule 4 at upload: an image by its bytes, at most 1 MB; none in request_to_book. Returns the real type. */
export function checkUpload(
  conversation: ConversationRecord,
  fileName: string,
  declaredType: string,
  bytes: Uint8Array,
): ImageType {
  const decision = evaluateAttachments(
    { conversationType: conversation.conversation_type },
    { text: 'upload', attachments: [{ fileName, declaredType, bytes }] },
    DEFAULT_POLICY_CONFIG,
  )
  refuseIfBlocked(decision.reasons)
  return decision.attachments[0]?.detectedType ?? 'image/jpeg'
}

export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  return sniffImageType(bytes.subarray(0, SNIFF_BYTES))
}

function refuseIfBlocked(reasons: PolicyReason[]): void {
  const blocking = reasons.filter((reason) => reason.severity === 'block')
  const [first, ...rest] = blocking.map((reason) => {
    const [status, code] = REFUSALS[reason.code] ?? [400, 'message_not_allowed']
    return { status, code, message: MESSAGES[reason.code] ?? `Refused: ${reason.code}.` }
  })
  if (!first) return
  throw new ApiError(first.status, first.code, first.message, {}, rest)
}

function headOf(fileType: string): Uint8Array {
  return fileType === 'image/png'
    ? Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    : Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])
}
