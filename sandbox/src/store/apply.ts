import type { SandboxEvent } from './events'
import type { MessageRecord } from './model'
import type { Queue, SandboxState } from './state'

/**
 * Applies one event to the state. Deterministic: replaying the journal gives back the
 * same state, which is what makes the journal the source of truth.
 */
export function applyEvent(state: SandboxState, event: SandboxEvent): void {
  switch (event.type) {
    case 'reset':
      state.clearData()
      return
    case 'clock_set':
      state.clockOffsetMs = event.offset_ms
      return
    case 'signing_key_set':
      state.signingKey = event.key
      return
    case 'account_put':
      state.putAccount(event.account)
      if (event.is_default) state.defaultClientId = event.account.client_id
      return
    case 'property_put':
      state.putProperty(event.property)
      return
    case 'reservation_put':
      state.putReservation(event.reservation)
      return
    case 'conversation_put':
      state.putConversation(event.conversation)
      return
    case 'message_added':
      state.putMessage(event.message)
      if (event.queued !== false) enqueue(state, event.message)
      return
    case 'messages_queued':
      for (const id of event.message_ids) {
        const message = state.messages.get(id)
        if (message) enqueue(state, message)
      }
      return
    case 'queue_confirmed': {
      const queue = state.queues.get(event.client_id)
      if (queue) confirm(state, queue, event.count, event.version)
      return
    }
    case 'queue_redelivered':
      state.queues.get(event.client_id)?.items.push(event.message_id)
      return
    case 'attachment_stored':
      state.attachments.set(event.attachment.attachment_id, event.attachment)
      return
    case 'no_reply_needed_set': {
      const conversation = state.conversations.get(event.conversation_id)
      if (conversation) conversation.no_reply_needed_at = event.at
      return
    }
    case 'message_read_set':
      for (const id of event.message_ids) {
        const readers = state.readBy.get(id) ?? new Set<string>()
        if (event.value) readers.add(event.participant_id)
        else readers.delete(event.participant_id)
        state.readBy.set(id, readers)
      }
      return
    case 'search_job_created':
      state.searchJobs.set(event.job.job_id, event.job)
      return
  }
}

/** The queue belongs to the machine account (PLATFORM.md, Endpoints): every account that manages the property gets the message. */
function enqueue(state: SandboxState, message: MessageRecord): void {
  const conversation = state.conversations.get(message.conversation_id)
  if (!conversation) return
  for (const account of state.accounts.values()) {
    if (state.accountManages(account, conversation.property_id)) {
      state.queues.get(account.client_id)?.items.push(message.message_id)
    }
  }
}

/** Under 1.0 self-service requests do not exist (PLATFORM.md, Transport), so they are skipped, not counted. */
export function visibleInVersion(
  message: MessageRecord | undefined,
  version: '1.0' | '1.2',
): boolean {
  if (!message) return false
  return version === '1.2' || message.message_type !== 'self_service_event'
}

function confirm(state: SandboxState, queue: Queue, count: number, version: '1.0' | '1.2'): void {
  let remaining = count
  while (remaining > 0 && queue.head < queue.items.length) {
    const message = state.messages.get(queue.items[queue.head] as string)
    if (visibleInVersion(message, version)) remaining -= 1
    queue.head += 1
  }
  // Keep the array from growing without bound once most of it is confirmed.
  if (queue.head > 4096 && queue.head * 2 > queue.items.length) {
    queue.items.splice(0, queue.head)
    queue.head = 0
  }
}
