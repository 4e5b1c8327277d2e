import type {
  AccountRecord,
  AttachmentRecord,
  ConversationRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
  SearchJobRecord,
} from './model'

/** An account's message queue: an append-only list read from `head` (confirmed before it). */
export interface Queue {
  items: string[]
  head: number
}

/**
 * The in-memory data of the sandbox, with the indexes the API needs. Only the store's
 * event application (apply.ts) and snapshot restore write to it.
 */
export class SandboxState {
  clockOffsetMs = 0
  signingKey = ''
  defaultClientId: string | null = null
  readonly properties = new Map<string, PropertyRecord>()
  readonly reservations = new Map<string, ReservationRecord>()
  readonly reservationsByProperty = new Map<string, string[]>()
  readonly conversations = new Map<string, ConversationRecord>()
  readonly conversationsByProperty = new Map<string, string[]>()
  readonly conversationByReference = new Map<string, string>()
  readonly messages = new Map<string, MessageRecord>()
  /** Message ids of each conversation, oldest first by timestamp. */
  readonly messagesByConversation = new Map<string, string[]>()
  readonly readBy = new Map<string, Set<string>>()
  readonly attachments = new Map<string, AttachmentRecord>()
  readonly accounts = new Map<string, AccountRecord>()
  readonly queues = new Map<string, Queue>()
  readonly searchJobs = new Map<string, SearchJobRecord>()
  /** Every message the property side sent, in the order the sandbox accepted them. */
  readonly sent: string[] = []

  clearData(): void {
    for (const map of [
      this.properties,
      this.reservations,
      this.reservationsByProperty,
      this.conversations,
      this.conversationsByProperty,
      this.conversationByReference,
      this.messages,
      this.messagesByConversation,
      this.readBy,
      this.attachments,
      this.searchJobs,
    ]) {
      map.clear()
    }
    this.sent.length = 0
    const keep = this.defaultClientId ? this.accounts.get(this.defaultClientId) : undefined
    this.accounts.clear()
    this.queues.clear()
    if (keep) this.putAccount({ ...keep, property_ids: null })
  }

  putAccount(account: AccountRecord): void {
    this.accounts.set(account.client_id, account)
    if (!this.queues.has(account.client_id))
      this.queues.set(account.client_id, { items: [], head: 0 })
  }

  putProperty(property: PropertyRecord): void {
    this.properties.set(property.property_id, property)
    if (!this.conversationsByProperty.has(property.property_id)) {
      this.conversationsByProperty.set(property.property_id, [])
      this.reservationsByProperty.set(property.property_id, [])
    }
  }

  putReservation(reservation: ReservationRecord): void {
    if (!this.reservations.has(reservation.reservation_id)) {
      this.reservationsByProperty.get(reservation.property_id)?.push(reservation.reservation_id)
    }
    this.reservations.set(reservation.reservation_id, reservation)
  }

  putConversation(conversation: ConversationRecord): void {
    const id = conversation.conversation_id
    if (!this.conversations.has(id)) {
      this.conversationsByProperty.get(conversation.property_id)?.push(id)
      this.messagesByConversation.set(id, [])
      this.conversationByReference.set(
        referenceKey(conversation.property_id, conversation.conversation_reference),
        id,
      )
    }
    this.conversations.set(id, conversation)
  }

  /** Inserts by timestamp; equal timestamps keep arrival order. */
  putMessage(message: MessageRecord): void {
    this.messages.set(message.message_id, message)
    const ids = this.messagesByConversation.get(message.conversation_id)
    if (!ids) return
    let index = ids.length
    while (index > 0) {
      const previous = this.messages.get(ids[index - 1] as string)
      if (!previous || previous.timestamp <= message.timestamp) break
      index -= 1
    }
    ids.splice(index, 0, message.message_id)
    if (message.sender_type === 'property') this.sent.push(message.message_id)
  }

  conversationMessages(conversationId: string): MessageRecord[] {
    const ids = this.messagesByConversation.get(conversationId) ?? []
    return ids.flatMap((id) => this.messages.get(id) ?? [])
  }

  latestMessage(conversationId: string): MessageRecord | undefined {
    const ids = this.messagesByConversation.get(conversationId)
    const last = ids?.[ids.length - 1]
    return last === undefined ? undefined : this.messages.get(last)
  }

  conversationByReservation(propertyId: string, reservationId: string): string | undefined {
    return this.conversationByReference.get(referenceKey(propertyId, reservationId))
  }

  accountManages(account: AccountRecord, propertyId: string): boolean {
    return account.property_ids === null || account.property_ids.includes(propertyId)
  }

  managedPropertyIds(account: AccountRecord): string[] {
    return [...this.properties.keys()].filter((id) => this.accountManages(account, id))
  }
}

function referenceKey(propertyId: string, reference: string): string {
  return `${propertyId}\u0000${reference}`
}
