import type {
  AccountRecord,
  AttachmentRecord,
  ConversationRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
  SearchJobRecord,
} from './model'

// Every change to the sandbox's data is one of these events. A commit is a list of them,
// written to the journal as one line, so a commit is applied whole or not at all.

export type SandboxEvent =
  /** Forget every record except the signing key and the default account. */
  | { type: 'reset' }
  | { type: 'clock_set'; offset_ms: number }
  | { type: 'signing_key_set'; key: string }
  | { type: 'account_put'; account: AccountRecord; is_default?: boolean }
  | { type: 'property_put'; property: PropertyRecord }
  | { type: 'reservation_put'; reservation: ReservationRecord }
  | { type: 'conversation_put'; conversation: ConversationRecord }
  /** `queued: false` for seeded history, which the platform would not deliver as new. */
  | { type: 'message_added'; message: MessageRecord; queued?: boolean }
  /** Puts existing messages in the queues, in this order (the seed queues its recent history oldest first). */
  | { type: 'messages_queued'; message_ids: string[] }
  | { type: 'queue_confirmed'; client_id: string; count: number; version: '1.0' | '1.2' }
  | { type: 'queue_redelivered'; client_id: string; message_id: string }
  | { type: 'attachment_stored'; attachment: AttachmentRecord }
  | { type: 'no_reply_needed_set'; conversation_id: string; at: string | null }
  | { type: 'message_read_set'; message_ids: string[]; participant_id: string; value: boolean }
  | { type: 'search_job_created'; job: SearchJobRecord }
