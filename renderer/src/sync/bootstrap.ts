import {
  addReservationConversations,
  applyConversationUpdates,
  readSyncState,
  writeSyncState,
  writeTables,
  type BootstrapCheckpoint,
  type ConversationUpdate,
  type InnboxDb,
} from '@/db'
import { pullReservations, refreshProperties } from './catalog'
import { done, stopped, type Step, type SyncContext } from './context'
import { classify } from './errors'
import { conversationUpdate, fetchConversations } from './fetch-conversations'

// The first sync of an account: its properties, their reservations, then per property every
// conversation page and each conversation in it. One transaction per page writes the page's
// conversations *and* the checkpoint that says the page is done, so a crash or restart resumes
// exactly after the last page written, and never refetches a property already done.
// Reservations come first but make no conversation rows: the pages write every conversation
// once, whole, and the property's last page gives any reservation the list lacked an empty one.

export interface BootstrapProgress {
  phase: 'properties' | 'conversations' | 'done'
  propertiesTotal: number
  propertiesDone: number
  conversationsDone: number
  currentPropertyId: string | null
}

export interface BootstrapOptions {
  onProgress?: (progress: BootstrapProgress) => void
  /** Conversations read at the same time. */
  parallel?: number
}

function progressOf(cp: BootstrapCheckpoint, conversationsDone: number): BootstrapProgress {
  return {
    phase: cp.finishedAt === null ? 'conversations' : 'done',
    propertiesTotal: cp.propertyIds.length,
    propertiesDone: cp.doneProperties.length,
    conversationsDone,
    currentPropertyId: cp.current?.propertyId ?? null,
  }
}

/**
 * Follows the account's property list: a property gained later is bootstrapped alone (the
 * bootstrap runs again for it only), a property lost is no longer asked for.
 */
export async function includeProperties(ctx: SyncContext, propertyIds: readonly string[]) {
  const cp = await readSyncState(ctx.db, 'bootstrap')
  if (!cp) return
  const added = propertyIds.filter((id) => !cp.propertyIds.includes(id))
  const kept = cp.propertyIds.filter((id) => propertyIds.includes(id))
  if (added.length === 0 && kept.length === cp.propertyIds.length) return
  const current = cp.current && propertyIds.includes(cp.current.propertyId) ? cp.current : null
  const next = {
    ...cp,
    propertyIds: [...kept, ...added],
    doneProperties: cp.doneProperties.filter((id) => propertyIds.includes(id)),
    current,
    finishedAt: added.length > 0 ? null : cp.finishedAt,
  }
  await writeSyncState(ctx.db, 'bootstrap', next)
}

export async function isBootstrapped(ctx: SyncContext): Promise<boolean> {
  return ((await readSyncState(ctx.db, 'bootstrap'))?.finishedAt ?? null) !== null
}

export async function bootstrap(
  ctx: SyncContext,
  { onProgress, parallel = 4 }: BootstrapOptions = {},
): Promise<Step> {
  let cp = await readSyncState(ctx.db, 'bootstrap')
  if (cp?.finishedAt) return done(undefined)
  let conversationsDone = cp?.current?.conversationsDone ?? 0
  if (!cp) {
    onProgress?.({ ...emptyProgress(), phase: 'properties' })
    const properties = await refreshProperties(ctx)
    if (!properties.ok) return properties
    cp = {
      propertyIds: properties.value,
      doneProperties: [],
      current: null,
      startedAt: ctx.now(),
      finishedAt: null,
    }
    await writeSyncState(ctx.db, 'bootstrap', cp)
  }
  for (const propertyId of cp.propertyIds) {
    if (cp.doneProperties.includes(propertyId)) continue
    if (cp.current?.propertyId !== propertyId) {
      const reservations = await pullReservations(ctx, [propertyId], {
        createConversations: false,
      })
      if (!reservations.ok) return reservations
      cp = { ...cp, current: { propertyId, pageId: null, conversationsDone } }
      await writeSyncState(ctx.db, 'bootstrap', cp)
    }
    onProgress?.(progressOf(cp, conversationsDone))
    for (;;) {
      const current = cp.current ?? { propertyId, pageId: null, conversationsDone }
      const answer = await ctx.port.conversations.list({
        propertyId,
        ...(current.pageId ? { pageId: current.pageId } : {}),
      })
      if (!answer.ok) return stopped(classify(answer.error))
      const summaries = answer.value.conversations
      // A conversation without messages is complete as listed; the others are read whole.
      const empty = summaries.filter((s) => s.messages.length === 0)
      const refs = summaries
        .filter((s) => s.messages.length > 0)
        .map((s) => ({ propertyId, conversationId: s.conversation_id }))
      const fetched = await fetchConversations(ctx, refs, parallel)
      if (fetched.failure) return stopped(fetched.failure)
      const updates: ConversationUpdate[] = [
        ...empty.map((s) => conversationUpdate(s, propertyId, true)),
        ...fetched.updates,
      ]
      conversationsDone += updates.length
      const nextPageId = answer.value.next_page_id
      const finishedProperty = nextPageId === null
      cp = finishedProperty
        ? { ...cp, doneProperties: [...cp.doneProperties, propertyId], current: null }
        : { ...cp, current: { propertyId, pageId: nextPageId, conversationsDone } }
      await writeBootstrapPage(ctx.db, updates, cp, finishedProperty ? propertyId : null)
      onProgress?.(progressOf(cp, conversationsDone))
      if (finishedProperty) break
    }
  }
  cp = { ...cp, finishedAt: ctx.now() }
  await writeSyncState(ctx.db, 'bootstrap', cp)
  onProgress?.(progressOf(cp, conversationsDone))
  return done(undefined)
}

function emptyProgress(): BootstrapProgress {
  return {
    phase: 'properties',
    propertiesTotal: 0,
    propertiesDone: 0,
    conversationsDone: 0,
    currentPropertyId: null,
  }
}

/**
 * The page's conversations and the checkpoint after them commit together or not at all; on the
 * property's last page (`finished`), with the conversations its reservations still lack.
 * Exported for the benchmark (tests/bench), which writes its dataset through it.
 */
export function writeBootstrapPage(
  db: InnboxDb,
  updates: readonly ConversationUpdate[],
  cp: BootstrapCheckpoint,
  finished: string | null,
) {
  return db.transaction('rw', [...writeTables(db), db.syncState], async () => {
    if (updates.length > 0) await applyConversationUpdates(db, updates)
    if (finished !== null) await addReservationConversations(db, finished)
    await writeSyncState(db, 'bootstrap', cp)
  })
}
