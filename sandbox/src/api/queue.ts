import { z } from 'zod'
import { QUEUE_PAGE_MAX } from '../../../shared/platform'
import { parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { visibleInVersion } from '../store/apply'
import type { SandboxEvent } from '../store/events'
import type { MessageRecord } from '../store/model'
import { commit } from './common'
import { messageWire } from './wire'

// The machine account's queue (PLATFORM.md, Endpoints): oldest first, at most 100, served
// again until confirmed, and now and then a confirmed message comes again.

/** `GET /messages/latest` */
export function latestMessages(request: ApiRequest) {
  const pending = pendingMessages(request, QUEUE_PAGE_MAX)
  const { state } = request.runtime.store
  return {
    messages: pending.map((message) => messageWire(state, message, request.version)),
    number_of_messages: pending.length,
    timestamp: request.runtime.clock.nowIso(),
  }
}

const confirmQuerySchema = z.object({
  number_of_messages: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX),
})

/** `PUT /messages?number_of_messages=N`: drops the N oldest. */
export async function confirmMessages(request: ApiRequest) {
  const { number_of_messages: count } = parseInput(
    confirmQuerySchema,
    Object.fromEntries(request.query),
    'number_of_messages',
  )
  const confirmed = pendingMessages(request, count)
  const events: SandboxEvent[] = [
    {
      type: 'queue_confirmed',
      client_id: request.account.client_id,
      count,
      version: request.version,
    },
  ]
  const rate = request.runtime.faults.redelivery_rate ?? request.runtime.options.redeliveryRate
  if (confirmed.length > 0 && Math.random() < rate) {
    const again = confirmed[Math.floor(Math.random() * confirmed.length)] as MessageRecord
    events.push({
      type: 'queue_redelivered',
      client_id: request.account.client_id,
      message_id: again.message_id,
    })
  }
  await commit(request.runtime, events)
  return { number_of_messages: confirmed.length }
}

function pendingMessages(request: ApiRequest, limit: number): MessageRecord[] {
  const { state } = request.runtime.store
  const queue = state.queues.get(request.account.client_id)
  const found: MessageRecord[] = []
  if (!queue) return found
  for (let index = queue.head; index < queue.items.length && found.length < limit; index += 1) {
    const message = state.messages.get(queue.items[index] as string)
    if (message && visibleInVersion(message, request.version)) found.push(message)
  }
  return found
}
