import type {
  AccountRecord,
  AttachmentRecord,
  ConversationRecord,
  MessageRecord,
  PropertyRecord,
  ReservationRecord,
  SearchJobRecord,
} from './model'
import { SandboxState } from './state'

/** The whole state as one JSON document, written at compaction. */
export interface Snapshot {
  format: 1
  /** The sequence number of the last commit the snapshot contains. */
  seq: number
  clock_offset_ms: number
  signing_key: string
  default_client_id: string | null
  properties: PropertyRecord[]
  reservations: ReservationRecord[]
  conversations: ConversationRecord[]
  /** Grouped by conversation, oldest first, so restore keeps each conversation's order. */
  messages: MessageRecord[]
  read_by: [string, string[]][]
  attachments: AttachmentRecord[]
  accounts: AccountRecord[]
  queues: [string, string[]][]
  search_jobs: SearchJobRecord[]
  sent: string[]
}

export function takeSnapshot(state: SandboxState, seq: number): Snapshot {
  const messages: MessageRecord[] = []
  for (const conversationId of state.conversations.keys()) {
    messages.push(...state.conversationMessages(conversationId))
  }
  return {
    format: 1,
    seq,
    clock_offset_ms: state.clockOffsetMs,
    signing_key: state.signingKey,
    default_client_id: state.defaultClientId,
    properties: [...state.properties.values()],
    reservations: [...state.reservations.values()],
    conversations: [...state.conversations.values()],
    messages,
    read_by: [...state.readBy].map(([id, readers]) => [id, [...readers]]),
    attachments: [...state.attachments.values()],
    accounts: [...state.accounts.values()],
    queues: [...state.queues].map(([id, queue]) => [id, queue.items.slice(queue.head)]),
    search_jobs: [...state.searchJobs.values()],
    sent: [...state.sent],
  }
}

export function restoreSnapshot(snapshot: Snapshot): SandboxState {
  const state = new SandboxState()
  state.clockOffsetMs = snapshot.clock_offset_ms
  state.signingKey = snapshot.signing_key
  state.defaultClientId = snapshot.default_client_id
  snapshot.accounts.forEach((account) => state.putAccount(account))
  snapshot.properties.forEach((property) => state.putProperty(property))
  snapshot.reservations.forEach((reservation) => state.putReservation(reservation))
  snapshot.conversations.forEach((conversation) => state.putConversation(conversation))
  for (const message of snapshot.messages) {
    state.messages.set(message.message_id, message)
    state.messagesByConversation.get(message.conversation_id)?.push(message.message_id)
  }
  snapshot.read_by.forEach(([id, readers]) => state.readBy.set(id, new Set(readers)))
  snapshot.attachments.forEach((attachment) =>
    state.attachments.set(attachment.attachment_id, attachment),
  )
  snapshot.queues.forEach(([id, items]) => state.queues.set(id, { items, head: 0 }))
  snapshot.search_jobs.forEach((job) => state.searchJobs.set(job.job_id, job))
  for (const id of snapshot.sent) state.sent.push(id)
  return state
}
