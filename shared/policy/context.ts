import type { ConversationType } from '../platform'

// The inputs of the policy, shaped so the renderer, the platform client and the sandbox can all
// build them. Instants are epoch milliseconds (numbers), never Date objects: they serialise as-is.

export interface PolicyProperty {
  /** IANA zone of the property, e.g. `Europe/Lisbon`. */
  timeZone: string
  /** Check-out time `HH:MM`; null when the property has none (11:00 is assumed). */
  checkoutTime: string | null
  /** Rule 5: links switched off for this property. */
  linksDisabled: boolean
  /** Rule 5: links the property approved. */
  approvedLinks: readonly string[]
}

export interface PolicyReservation {
  /** Reservation number, so it is not mistaken for a phone number in the text. */
  reference?: string | null
  bookedAt: number
  /** `YYYY-MM-DD` */
  checkin: string
  /** `YYYY-MM-DD` */
  checkout: string
  /** Set exactly when the booking is cancelled. */
  cancelledAt: number | null
}

export interface PolicyConversation {
  conversationType: ConversationType
  property: PolicyProperty
  /** Null while the reservation is not known locally: the window cannot be computed. */
  reservation: PolicyReservation | null
  /** The latest guest message, for rule 2. */
  lastGuestMessageAt: number | null
  /** Self-service topics the guest raised since the property last wrote. */
  openSelfServiceTopics?: readonly string[]
}

/** An attachment as the caller has it: whole bytes, base64 (the wire), or size and first bytes. */
export type DraftAttachment = { fileName: string; declaredType?: string } & (
  { bytes: Uint8Array } | { base64: string } | { size: number; head: Uint8Array }
)

export interface Draft {
  text: string
  attachments?: readonly DraftAttachment[]
}

export interface PolicyConfig {
  /** Rule 11 [ours]: longest text in characters (Unicode code points). */
  maxTextLength: number
  /** Rule 4: largest decoded attachment in bytes. */
  maxAttachmentBytes: number
  /** Rule 6: the platform's own e-mail alias domains, which are not contact details. */
  platformEmailDomains: readonly string[]
  /** Rule 5 [ours]: the platform's own sites; their links are never stripped. */
  platformLinkDomains: readonly string[]
}

export const DEFAULT_POLICY_CONFIG: PolicyConfig = {
  maxTextLength: 5000,
  // Rule 4 says "1 MB"; we read 1 MiB, the size Windows Explorer shows staff as "1.00 MB". [ours]
  maxAttachmentBytes: 1024 * 1024,
  platformEmailDomains: ['guest.booking.com', 'partner.booking.com'],
  platformLinkDomains: ['booking.com'],
}
