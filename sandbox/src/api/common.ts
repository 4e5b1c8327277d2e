import { ApiError, notFound } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { isReadable } from '../rules'
import type { SandboxRuntime } from '../runtime'
import type { SandboxEvent } from '../store/events'
import type { ConversationRecord, PropertyRecord } from '../store/model'

/** The property of the path, if this account manages it. */
export function requireProperty(request: ApiRequest): PropertyRecord {
  const id = request.params.property_id ?? ''
  const property = request.runtime.store.state.properties.get(id)
  if (!property) throw notFound('property', id)
  if (!request.runtime.store.state.accountManages(request.account, id)) {
    throw new ApiError(
      403,
      'property_not_accessible',
      `This account does not manage property "${id}".`,
    )
  }
  return property
}

/** The conversation of the path; past the read window it is gone (PLATFORM.md rule 3): 410. */
export function requireConversation(
  request: ApiRequest,
  property: PropertyRecord,
): ConversationRecord {
  const id = request.params.conversation_id ?? ''
  const conversation = request.runtime.store.state.conversations.get(id)
  if (!conversation || conversation.property_id !== property.property_id)
    throw notFound('conversation', id)
  requireReadable(request.runtime, conversation)
  return conversation
}

export function requireReadable(runtime: SandboxRuntime, conversation: ConversationRecord): void {
  if (!isReadable(runtime, conversation)) {
    throw new ApiError(
      410,
      'read_window_closed',
      'This conversation ended more than a year ago and can no longer be read.',
    )
  }
}

/** Acknowledge only what is on disk; a failing disk is the platform's trouble, not the caller's. */
export async function commit(runtime: SandboxRuntime, events: SandboxEvent[]): Promise<void> {
  try {
    await runtime.store.commit(events)
  } catch (error) {
    console.error('sandbox: storage write failed', error)
    throw new ApiError(
      503,
      'storage_unavailable',
      'The platform could not store the change; retry.',
    )
  }
}

/** Opaque page ids: the position after the last item served, base64url-wrapped. */
export function encodePageId(position: number): string {
  return Buffer.from(JSON.stringify({ after: position })).toString('base64url')
}

export function decodePageId(text: string | null): number {
  if (text === null || text === '') return 0
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      after?: unknown
    }
    if (
      typeof parsed.after === 'number' &&
      Number.isSafeInteger(parsed.after) &&
      parsed.after >= 0
    ) {
      return parsed.after
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiError(400, 'invalid_page_id', 'The page_id is not one this platform handed out.')
}
