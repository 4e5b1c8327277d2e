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
import { classify, type Classified } from './errors'
import { conversationUpdate, fetchConversations } from './fetch-conversations'

// The first sync of an account: its properties, their reservations, then per property every
// conversation page and each conversation in it. One transaction writes a group of pages'
// conversations *and* the checkpoint that says those pages are done, so a crash or restart
// resumes exactly after the last group written (refetching at most a group's pages), and never
// refetches a property already done. A group is a few pages (`WRITE_GROUP`): a commit per page of
// 50 made the storage, not the network, the limit of a large account's first sync (issue 11).
// Reservations come first but make no conversation rows: the pages write every conversation
// once, whole, and the property's last page gives any reservation the list lacked an empty one.

/**
 * [ours] When fetched pages are written: once they hold this many conversations or messages (the
 * storage writes large batches fastest: a first sync from a fast platform is limited by it), once
 * the oldest waited this long (on an ordinary network this comes first: the inbox fills steadily
 * and a crash loses at most this much fetching), at the end of each property, and before the
 * bootstrap stops on a failure.
 */
export const WRITE_GROUP: WriteGroup = { conversations: 1_000, messages: 10_000, waitMs: 2_000 }

export interface WriteGroup {
  conversations: number
  messages: number
  waitMs: number
}

/** Fetched pages waiting to be written together. */
export class PageGroup {
  private updates: ConversationUpdate[] = []
  private messages = 0
  private since: number | null = null

  constructor(private readonly limits: WriteGroup = WRITE_GROUP) {}

  add(updates: readonly ConversationUpdate[], now: number): void {
    this.updates.push(...updates)
    for (const update of updates) this.messages += update.messages?.length ?? 0
    this.since ??= now
  }

  get size(): number {
    return this.updates.length
  }

  full(now: number): boolean {
    return (
      this.updates.length >= this.limits.conversations ||
      this.messages >= this.limits.messages ||
      (this.since !== null && now - this.since >= this.limits.waitMs)
    )
  }

  take(): ConversationUpdate[] {
    const taken = this.updates
    this.updates = []
    this.messages = 0
    this.since = null
    return taken
  }
}

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
  /** When fetched pages are written (tests make groups small). */
  writeGroup?: WriteGroup
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
  { onProgress, parallel = 4, writeGroup = WRITE_GROUP }: BootstrapOptions = {},
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
    const group = new PageGroup(writeGroup)
    // The pages fetched so far are kept, with the checkpoint after them, before stopping.
    const stop = async (failure: Classified) => {
      if (group.size > 0) await writeBootstrapPage(ctx.db, group.take(), cp!, null)
      return stopped(failure)
    }
    for (;;) {
      const current = cp.current ?? { propertyId, pageId: null, conversationsDone }
      const answer = await ctx.port.conversations.list({
        propertyId,
        ...(current.pageId ? { pageId: current.pageId } : {}),
      })
      if (!answer.ok) return stop(classify(answer.error))
      const summaries = answer.value.conversations
      // A conversation without messages is complete as listed; the others are read whole.
      const empty = summaries.filter((s) => s.messages.length === 0)
      const refs = summaries
        .filter((s) => s.messages.length > 0)
        .map((s) => ({ propertyId, conversationId: s.conversation_id }))
      const fetched = await fetchConversations(ctx, refs, parallel)
      if (fetched.failure) return stop(fetched.failure)
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
      group.add(updates, ctx.now())
      if (finishedProperty || group.full(ctx.now())) {
        await writeBootstrapPage(ctx.db, group.take(), cp, finishedProperty ? propertyId : null)
        onProgress?.(progressOf(cp, conversationsDone))
      }
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
 * A group of pages' conversations and the checkpoint after them commit together or not at all;
 * with the property's last page (`finished`), with the conversations its reservations lack.
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
