import type {
  AttachmentMetadata,
  ConversationTags,
  ConversationType,
  Message,
  Participant,
  Property,
  Reservation,
} from '@shared/platform'
import type { PolicyReason } from '@shared/policy'
import type {
  PlaceholderKey,
  PropertyFacts,
  RuleTrigger,
  ScheduleRule,
  Template,
} from '@shared/templates'

// The rows of the local store. Ids are the platform's string ids; instants are epoch ms numbers
// so that indexes order them; booleans that are indexed are 0 | 1 (IndexedDB cannot index booleans).

export type Flag = 0 | 1

export interface PropertyRecord {
  propertyId: string
  name: string
  /** The platform object as parsed: the policy reads time zone, check-out time and links from it. */
  property: Property
}

export interface ReservationRecord {
  reservationId: string
  propertyId: string
  conversationId: string
  /** `YYYY-MM-DD`: calendar dates, not instants; they sort as strings. */
  checkin: string
  checkout: string
  reservation: Reservation
}

export interface ConversationRecord {
  conversationId: string
  propertyId: string
  conversationType: ConversationType
  reservationId: string | null
  participants: Participant[]
  /** The tags as the platform last said (or as a successful tag action left them). */
  platformTags: ConversationTags
  /** What the desk shows: `platformTags` with this desk's unsent tag actions laid over them. */
  tags: ConversationTags
  /** 1 once the whole conversation was read with `conversations:get` (a summary has one message). */
  hydrated: Flag
  // Derived in db/derive.ts, never written by hand:
  lastActivityAt: number
  lastMessageId: string | null
  lastMessagePreview: string
  lastSender: 'guest' | 'property' | null
  lastGuestMessageAt: number | null
  lastPropertyMessageAt: number | null
  needsReply: Flag
  /** Rule 2: the most urgent unanswered guest message's 14-day deadline; null when none waits. */
  replyDeadline: number | null
  /** Rule 9: its 24-hour target. */
  replyTargetAt: number | null
  unreadCount: number
  guestName: string | null
  checkin: string | null
  checkout: string | null
  /** Rule 3: when the conversation must leave the desk; null while the reservation is unknown. */
  readClosesAt: number | null
  /**
   * When the latest message is a guest's and the conversation has unread guest messages: that
   * message's time, and absent otherwise, so the index on it holds only what a desktop
   * notification may be raised for (db/notification-queries.ts). See `unreadGuestAtOf`. Rows
   * last written before schema version 5 lack it (migrations/0005-notification-index.ts).
   */
  unreadGuestAt?: number
  /**
   * The number of the write that last stored the row: one more than the last one's, the same
   * for every row of one write, so numbers follow the order of commits
   * (db/conversation-writes.ts `nextWrite`). A reader that has seen every row written up to N
   * reads only those above N (`conversationsWrittenAfter`). Rows last written before schema
   * version 6 lack it (migrations/0006-conversation-writes.ts).
   */
  written?: number
}

export interface MessageRecord {
  messageId: string
  conversationId: string
  timestamp: number
  sender: 'guest' | 'property'
  /** Guest messages only: read on this desk or listed in the platform's `message_read` tag. */
  read: Flag
  /** 1 while the row was made from a send's answer and the platform's own copy has not come yet. */
  provisional: Flag
  message: Message
}

export interface AttachmentRecord {
  attachmentId: string
  conversationId: string
  messageId: string | null
  metadata: AttachmentMetadata | null
  /** Null when never fetched or evicted: bytes are a cache, metadata is kept. */
  bytes: Uint8Array | null
  byteSize: number
  /** Set only while bytes are held, so the LRU index lists only evictable rows. */
  bytesUsedAt?: number
}

export type OutboxState = 'queued' | 'sending' | 'unknown' | 'sent' | 'failed'

export interface OutboxAttachment {
  fileName: string
  fileType: string
  bytes: Uint8Array
  /** Set once uploaded, so a retry does not upload it again. */
  attachmentId: string | null
}

export type OutboxAction =
  | { kind: 'send'; content: string; attachments: OutboxAttachment[] }
  | { kind: 'setNoReplyNeeded' }
  | { kind: 'clearNoReplyNeeded' }
  | { kind: 'markRead'; messageIds: string[]; participantId: string }

export interface OutboxFailure {
  /** A bridge error code (`policy_refused`, `platform_refused`, `expired`…) or `conversationExpired`. */
  code: string
  message: string
  reasons: PolicyReason[]
}

export interface OutboxRecord {
  /** Made on this desk before any network, so a retry is recognisably the same action. */
  id: string
  /** Global order of creation; per conversation the drain sends strictly by it. */
  seq: number
  propertyId: string
  conversationId: string
  action: OutboxAction
  state: OutboxState
  attempts: number
  createdAt: number
  updatedAt: number
  nextAttemptAt: number
  lastError: { code: string; message: string } | null
  failure: OutboxFailure | null
  /** The platform's id of the sent message. */
  messageId: string | null
  sentAt: number | null
  /** The template (and scheduled rule) that wrote it: the audit trail the conversation shows. */
  origin?: MessageOrigin
}

/** Which template, and which scheduled rule if any, produced a message (issue 8). */
export interface MessageOrigin {
  templateId: string
  /** The name when the message was written, so the trail stays true after a rename. */
  templateName: string
  ruleId: string | null
  /** The rule's trigger when it fired ("2 days before check-in, at 10:00"). */
  trigger: RuleTrigger | null
}

export interface DraftRecord {
  conversationId: string
  text: string
  /** When the first character was typed: the conflict check looks for property messages after it. */
  startedAt: number
  updatedAt: number
  /** The conversation's latest property message when the draft started (another desk's reply). */
  basePropertyMessageAt: number | null
  /** Set while the draft came from a template or a scheduled rule ("prepare a draft"). */
  origin?: MessageOrigin
}

export interface TranslationRecord {
  messageId: string
  language: string
  conversationId: string
  text: string
  provider: string
  translatedAt: number
}

/** A message template (shared/templates), saved as written: a draft may still hold errors. */
export interface TemplateRecord {
  templateId: string
  template: Template
  updatedAt: number
}

export interface ScheduleRuleRecord {
  ruleId: string
  templateId: string
  rule: ScheduleRule
  updatedAt: number
  /**
   * Since when the rule sends as it stands: set when it is made, switched on, or its timing
   * changes. A message that came due before this is not caught up (a new "after booking" rule
   * must not write to every guest who booked months ago).
   */
  activeSince: number
}

export interface PropertyFactsRecord {
  propertyId: string
  facts: PropertyFacts
  updatedAt: number
}

/** What became of one rule's message for one reservation; at most one row each (issue 8). */
export type ScheduledSendStatus = 'sent' | 'drafted' | 'skipped' | 'expired'

export type ScheduledSkip =
  /** The policy refused the text (window closed, links off…): its blocking reasons. */
  | { reason: 'policy'; reasons: PolicyReason[] }
  /** Placeholders without a value for this reservation: a guest never gets a gap. */
  | { reason: 'missingValues'; keys: PlaceholderKey[] }
  /** "Prepare a draft" found staff already writing in that conversation. */
  | { reason: 'draftInUse' }
  /** Someone chose Skip in the Upcoming view. */
  | { reason: 'byStaff' }

export interface ScheduledSendRecord {
  /** `scheduledSendKey(ruleId, reservationId)`: also the outbox record's id when sent. */
  key: string
  ruleId: string
  templateId: string
  reservationId: string
  propertyId: string
  conversationId: string
  status: ScheduledSendStatus
  /** Set exactly when `status` is `skipped`. */
  skip: ScheduledSkip | null
  dueAt: number
  /** When it stops making sense: a queued message still unsent then is taken back. */
  expiresAt: number
  decidedAt: number
  /** The scheduler, or staff from the Upcoming view (skip, send now, edit). */
  decidedBy: 'scheduler' | 'staff'
}

export interface SettingRecord {
  key: string
  value: unknown
}

export interface SyncStateRecord {
  key: string
  value: unknown
}

export interface CounterRecord {
  propertyId: string
  conversations: number
  unreadConversations: number
  unreadMessages: number
  needsReply: number
}
