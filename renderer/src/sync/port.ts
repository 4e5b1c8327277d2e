import type { DeskApi } from '@shared/bridge/contract'
import type { BridgeResult } from '@shared/bridge/result'
import type {
  AttachmentMetadata,
  Conversation,
  ConversationListPage,
  Property,
  QueuePage,
  Reservation,
} from '@shared/platform'
import type { PolicyReason } from '@shared/policy'

// What the sync engine needs from the bridge: the platform channels of
// shared/bridge/PLATFORM-CHANNELS.md, as methods of the DeskApi (`desk.sync.pullLatest()`…).
// The engine never imports `@/bridge`; a store passes the real `desk`, tests pass a double.
//
// Results are read structurally so that the DeskApi satisfies this port while the bridge's
// error type grows: codes are strings (both spellings the channels have used are understood,
// see sync/errors.ts), and the facts of an error are read from `details` or from the error.

export interface PortErrorDetails {
  retryAfterMs?: number | null
  reasons?: PolicyReason[]
  status?: number | null
  platformCode?: string
  platformCodes?: string[]
}

export interface PortError extends PortErrorDetails {
  code: string
  message: string
  details?: PortErrorDetails
}

export type PortResult<T> = { ok: true; value: T } | { ok: false; error: PortError }

// Every bridge answer is a port answer (checked at compile time).
type Assignable<A, B> = [A] extends [B] ? true : never
const _bridgeResultsArePortResults: Assignable<BridgeResult<number>, PortResult<number>> = true
void _bridgeResultsArePortResults

export interface ConversationRef {
  propertyId: string
  conversationId: string
}

/**
 * Exactly the reference fields of a row or outbox record: the Node side validates arguments
 * strictly, so passing the whole record would be refused as an invalid argument.
 */
export function conversationRef(of: ConversationRef): ConversationRef {
  return { propertyId: of.propertyId, conversationId: of.conversationId }
}

export type TagArgs =
  | (ConversationRef & { tag: 'no_reply_needed' })
  | (ConversationRef & { tag: 'message_read'; messageIds: string[]; participantId: string })

/** A page of reservations; the channel may also answer with the bare list. */
export type ReservationsAnswer =
  Reservation[] | { reservations: Reservation[]; next_page_id: string | null }

export interface SyncPort {
  properties: {
    list(): Promise<PortResult<Property[] | { properties: Property[] }>>
  }
  reservations: {
    list(args: {
      propertyId: string
      updatedSince?: string
      pageId?: string
    }): Promise<PortResult<ReservationsAnswer>>
  }
  sync: {
    /** Up to 100 queued messages, oldest first; delivered again until confirmed. */
    pullLatest(): Promise<PortResult<QueuePage>>
    /** Drops the `count` oldest messages from the account's queue. */
    confirm(args: { count: number }): Promise<PortResult<unknown>>
  }
  conversations: {
    list(args: { propertyId: string; pageId?: string }): Promise<PortResult<ConversationListPage>>
    get(args: ConversationRef): Promise<PortResult<Conversation>>
    byReservation(args: {
      propertyId: string
      reservationId: string
    }): Promise<PortResult<Conversation>>
  }
  messages: {
    send(
      args: ConversationRef & { content: string; attachmentIds: string[]; idempotencyKey?: string },
    ): Promise<PortResult<{ messageId: string }>>
  }
  attachments: {
    upload(
      args: ConversationRef & { fileName: string; fileType: string; bytes: Uint8Array },
    ): Promise<PortResult<{ attachmentId: string }>>
    get(
      args: ConversationRef & { attachmentId: string },
    ): Promise<PortResult<{ metadata: AttachmentMetadata; bytes: Uint8Array | null }>>
  }
  tags: {
    set(args: TagArgs): Promise<PortResult<unknown>>
    clear(args: TagArgs): Promise<PortResult<unknown>>
  }
}

/** The real DeskApi is a SyncPort: a store passes `desk` as it is (checked at compile time). */
export function portFromDesk(desk: DeskApi): SyncPort {
  return desk
}

export function propertiesOf(answer: Property[] | { properties: Property[] }): Property[] {
  return Array.isArray(answer) ? answer : answer.properties
}

export function reservationsPage(answer: ReservationsAnswer): {
  reservations: Reservation[]
  nextPageId: string | null
} {
  return Array.isArray(answer)
    ? { reservations: answer, nextPageId: null }
    : { reservations: answer.reservations, nextPageId: answer.next_page_id }
}
