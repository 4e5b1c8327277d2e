// The sandbox's own records. They are what the journal and the snapshot hold; the wire
// objects of the Messaging API are derived from them in api/wire.ts.

export type ConversationType = 'reservation' | 'request_to_book'
export type SenderType = 'guest' | 'property'
export type ReservationStatus = 'confirmed' | 'cancelled'

export interface PropertyRecord {
  property_id: string
  name: string
  /** IANA name; the send and read windows are computed on the property's own clock. */
  time_zone: string
  /** `HH:MM`, local time of the property. */
  checkout_time: string
  /** PLATFORM.md rule 5: switched off after suspicious activity. */
  links_disabled: boolean
  approved_links: string[]
  /** The participant id the property speaks with in every conversation. */
  participant_id: string
}

export interface ReservationRecord {
  reservation_id: string
  property_id: string
  conversation_id: string
  guest_name: string
  guest_language: string
  booked_at: string
  checkin: string
  checkout: string
  status: ReservationStatus
  cancelled_at: string | null
  updated_at: string
}

export interface ConversationRecord {
  conversation_id: string
  property_id: string
  conversation_type: ConversationType
  /** The reservation number (PLATFORM.md, Objects). */
  conversation_reference: string
  guest_participant_id: string
  guest_name: string
  /** When the `no_reply_needed` tag was set; null while it is not (rule 9 needs the instant). */
  no_reply_needed_at: string | null
}

export interface MessageRecord {
  message_id: string
  conversation_id: string
  content: string
  timestamp: string
  sender_type: SenderType
  message_type: string
  attributes: Record<string, unknown> | null
  attachment_ids: string[]
}

export interface AttachmentRecord {
  attachment_id: string
  conversation_id: string
  file_name: string
  file_type: string
  file_size: number
  /** Content address of the bytes in the blob folder. */
  sha256: string
  uploaded_at: string
}

export interface AccountRecord {
  client_id: string
  /** Kept in clear: a local stand-in whose demo secret is printed at start anyway. */
  client_secret: string
  /** null: every property, present and future. */
  property_ids: string[] | null
}

export interface SearchJobRecord {
  job_id: string
  client_id: string
  after: string
  before: string
  property_id: string | null
  created_at: string
}
