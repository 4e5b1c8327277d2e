import { applyConversationUpdates, type ConversationUpdate } from '@/db'
import { QUEUE_PAGE_MAX, type Message } from '@shared/platform'
import { done, stopped, type Step, type SyncContext } from './context'
import { classify } from './errors'
import { conversationUpdate, fetchAndWrite } from './fetch-conversations'
import type { ConversationRef } from './port'

// Incremental pull of new messages, two ways (PLATFORM.md, "Endpoints"):
// - queue: the account's queue; write, and confirm only after the write committed. A crash
//   in between only causes a redelivery, de-duplicated by `message_id`.
// - listDiff: for desks sharing an account (the queue is the account's: two desks consuming it
//   steal each other's messages), compare each conversation's latest message with ours and
//   read only the conversations that changed.

export type SyncMode = 'queue' | 'listDiff'

export interface PullReport {
  /** Messages stored for the first time. */
  newMessages: number
  /** Conversations read whole. */
  fetched: number
}

function updatesFromMessages(messages: readonly Message[]): ConversationUpdate[] {
  const byConversation = new Map<string, Message[]>()
  for (const message of messages) {
    const id = message.conversation.conversation_id
    byConversation.set(id, [...(byConversation.get(id) ?? []), message])
  }
  return [...byConversation].map(([conversationId, own]) => {
    const propertyId = own.find((m) => m.conversation.property_id)?.conversation.property_id
    return { conversationId, messages: own, ...(propertyId ? { propertyId } : {}) }
  })
}

export async function pullQueue(ctx: SyncContext, maxPages = 20): Promise<Step<PullReport>> {
  const report: PullReport = { newMessages: 0, fetched: 0 }
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await ctx.port.sync.pullLatest()
    if (!answer.ok) return stopped(classify(answer.error))
    const { messages } = answer.value
    if (messages.length === 0) break
    const written = await applyConversationUpdates(ctx.db, updatesFromMessages(messages))
    report.newMessages += written.newMessageIds.length
    // Only now, with the messages committed (strict durability), may the queue drop them.
    const confirmed = await ctx.port.sync.confirm({ count: messages.length })
    if (!confirmed.ok) return stopped(classify(confirmed.error))
    if (messages.length < QUEUE_PAGE_MAX) break
  }
  return done(report)
}

const MAX_LIST_PAGES = 200

export async function pullListDiff(
  ctx: SyncContext,
  propertyIds: readonly string[],
  parallel: number,
): Promise<Step<PullReport>> {
  const report: PullReport = { newMessages: 0, fetched: 0 }
  for (const propertyId of propertyIds) {
    let pageId: string | undefined
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const answer = await ctx.port.conversations.list({
        propertyId,
        ...(pageId ? { pageId } : {}),
      })
      if (!answer.ok) return stopped(classify(answer.error))
      const summaries = answer.value.conversations
      const local = await ctx.db.conversations.bulkGet(summaries.map((s) => s.conversation_id))
      // Our own sent message shown from the send's answer: read it once for the platform's copy.
      const latestLocal = await ctx.db.messages.bulkGet(
        local.map((row) => row?.lastMessageId ?? ''),
      )
      const stale: ConversationRef[] = []
      const tagsOnly: ConversationUpdate[] = []
      summaries.forEach((summary, index) => {
        const row = local[index]
        const latest = summary.messages[0]?.message_id ?? null
        const ref = { propertyId, conversationId: summary.conversation_id }
        if (!row || row.hydrated === 0) {
          if (latest === null) tagsOnly.push(conversationUpdate(summary, propertyId, true))
          else stale.push(ref)
        } else if (latest !== null && latest !== row.lastMessageId) stale.push(ref)
        else if (latestLocal[index]?.provisional === 1) stale.push(ref)
        else if (JSON.stringify(summary.tags) !== JSON.stringify(row.platformTags)) {
          tagsOnly.push(conversationUpdate(summary, propertyId, false))
        }
      })
      if (tagsOnly.length > 0) await applyConversationUpdates(ctx.db, tagsOnly)
      const fetched = await fetchAndWrite(ctx, stale, parallel)
      if (!fetched.ok) return fetched
      report.fetched += fetched.value
      pageId = answer.value.next_page_id ?? undefined
      if (!pageId) break
    }
  }
  return done(report)
}

/**
 * Conversations first seen through a queue message (a new booking) are read whole once, for
 * their participants and tags; a few per run.
 */
export async function hydrateStubs(
  ctx: SyncContext,
  limit: number,
  parallel: number,
): Promise<Step<number>> {
  const stubs = await ctx.db.conversations
    .where('hydrated')
    .equals(0)
    .filter((row) => row.propertyId !== '')
    .limit(limit)
    .toArray()
  const refs = stubs.map((row) => ({
    propertyId: row.propertyId,
    conversationId: row.conversationId,
  }))
  if (refs.length === 0) return done(0)
  return fetchAndWrite(ctx, refs, parallel)
}
