import { conversationRef } from './port'
import { applyConversationUpdates, purgeConversations, type ConversationUpdate } from '@/db'
import type { Conversation, ConversationSummary } from '@shared/platform'
import { mapLimit } from './concurrency'
import { done, stopped, type Step, type SyncContext } from './context'
import { classify, type Classified } from './errors'
import type { ConversationRef } from './port'

/** A platform conversation (whole, or a list summary) as an update of the store. */
export function conversationUpdate(
  conversation: Conversation | ConversationSummary,
  propertyId: string,
  hydrated: boolean,
): ConversationUpdate {
  return {
    conversationId: conversation.conversation_id,
    propertyId: conversation.property_id ?? propertyId,
    facts: {
      conversationType: conversation.conversation_type,
      reservationId: conversation.conversation_reference ?? null,
      participants: conversation.participants,
      tags: conversation.tags,
      hydrated,
    },
    messages: conversation.messages,
  }
}

export interface Fetched {
  updates: ConversationUpdate[]
  /** Conversations the platform no longer serves (rule 3). */
  expired: string[]
  failure: Classified | null
}

/** Reads whole conversations, a few at a time; stops asking after a failure that stops a run. */
export async function fetchConversations(
  ctx: SyncContext,
  refs: readonly ConversationRef[],
  parallel: number,
): Promise<Fetched> {
  const fetched: Fetched = { updates: [], expired: [], failure: null }
  await mapLimit(refs, parallel, async (ref) => {
    if (fetched.failure) return
    const answer = await ctx.port.conversations.get(conversationRef(ref))
    if (answer.ok) {
      fetched.updates.push(conversationUpdate(answer.value, ref.propertyId, true))
      return
    }
    const failure = classify(answer.error)
    if (failure.kind === 'expired') fetched.expired.push(ref.conversationId)
    // A conversation that is gone (404) is skipped; anything else stops the batch.
    else if (failure.kind !== 'permanent') fetched.failure = failure
  })
  return fetched
}

/** Fetches and writes in one transaction (one batch); purges the expired ones. */
export async function fetchAndWrite(
  ctx: SyncContext,
  refs: readonly ConversationRef[],
  parallel: number,
): Promise<Step<number>> {
  const fetched = await fetchConversations(ctx, refs, parallel)
  await writeFetched(ctx, fetched)
  return fetched.failure ? stopped(fetched.failure) : done(fetched.updates.length)
}

export async function writeFetched(ctx: SyncContext, fetched: Fetched): Promise<void> {
  if (fetched.updates.length > 0) await applyConversationUpdates(ctx.db, fetched.updates)
  if (fetched.expired.length > 0) await purgeConversations(ctx.db, fetched.expired, ctx.now())
}
