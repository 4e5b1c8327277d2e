import {
  base64DecodedLength,
  decodeBase64,
  SNIFF_BYTES,
  sniffImageType,
  type ImageType,
} from './bytes'
import type { Draft, DraftAttachment, PolicyConfig, PolicyConversation } from './context'
import { decide, reason, type PolicyDecision, type PolicyReason } from './reasons'

export interface AttachmentFinding {
  index: number
  fileName: string
  /** What the bytes are; upload with this type, not the declared one. Null: not an accepted image. */
  detectedType: ImageType | null
  /** Decoded size in bytes; null when unreadable. */
  size: number | null
}

export interface AttachmentsDecision extends PolicyDecision {
  attachments: AttachmentFinding[]
}

function measure(attachment: DraftAttachment): { size: number; head: Uint8Array } | null {
  if ('bytes' in attachment)
    return { size: attachment.bytes.length, head: attachment.bytes.subarray(0, SNIFF_BYTES) }
  if ('base64' in attachment) {
    const size = base64DecodedLength(attachment.base64)
    const head = decodeBase64(attachment.base64, SNIFF_BYTES)
    return size === null || head === null ? null : { size, head }
  }
  if (!Number.isInteger(attachment.size) || attachment.size < 0) return null
  return { size: attachment.size, head: attachment.head }
}

/**
 * Rule 4: JPEG or PNG only, known by their bytes; at most `maxAttachmentBytes` decoded each;
 * never without text. PLATFORM.md "Objects": none at all in `request_to_book` conversations.
 */
export function evaluateAttachments(
  conversation: Pick<PolicyConversation, 'conversationType'>,
  draft: Draft,
  config: Pick<PolicyConfig, 'maxAttachmentBytes'>,
): AttachmentsDecision {
  const list = draft.attachments ?? []
  const reasons: PolicyReason[] = []
  if (list.length > 0 && conversation.conversationType === 'request_to_book') {
    reasons.push(reason('attachmentsInRequestToBook', { count: list.length }))
  }
  if (list.length > 0 && draft.text.trim() === '') reasons.push(reason('attachmentWithoutText'))
  const attachments = list.map((attachment, index): AttachmentFinding => {
    const { fileName } = attachment
    const measured = measure(attachment)
    if (!measured) {
      reasons.push(reason('attachmentUnreadable', { fileName, attachmentIndex: index }))
      return { index, fileName, detectedType: null, size: null }
    }
    const detectedType = sniffImageType(measured.head)
    if (!detectedType)
      reasons.push(reason('attachmentNotImage', { fileName, attachmentIndex: index }))
    if (measured.size > config.maxAttachmentBytes) {
      reasons.push(
        reason('attachmentTooLarge', {
          fileName,
          attachmentIndex: index,
          limit: config.maxAttachmentBytes,
        }),
      )
    }
    return { index, fileName, detectedType, size: measured.size }
  })
  return { ...decide(reasons), attachments }
}
