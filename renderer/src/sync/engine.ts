import {
  dueAfterReconnect,
  evictAllBytes,
  readSyncState,
  toStoreError,
  writeSyncState,
  type InnboxDb,
} from '@/db'
import { bootstrap, includeProperties, isBootstrapped } from './bootstrap'
import { pullReservations, refreshProperties } from './catalog'
import type { Step, SyncContext } from './context'
import type { Classified } from './errors'
import { defaultLocks, withLockIfAvailable, type LockManagerLike } from './locks'
import { createOutboxDrain, type DrainReport } from './outbox-drain'
import type { SyncPort } from './port'
import { hydrateStubs, pullListDiff, pullQueue, type SyncMode } from './pull'
import { runRetentionIfDue } from './retention'
import { createScheduledSends } from './scheduled-sends'
import {
  createScheduler,
  windowEvent,
  type EventSubscription,
  type SyncTrigger,
  type Timers,
} from './scheduler'
import { createStatus, type SyncStatus } from './status'

// The sync engine: ties pull, bootstrap, outbox drain, retention and the scheduler together
// behind a small API for a Pinia store. One run: retention (if due) → scheduled sends (due ones
// into the outbox) → outbox drain → properties → bootstrap (until done) → reservations → new
// messages (queue or list diff) → stubs read whole.

export interface EngineConfig {
  /** `queue` for a desk alone on its account; `listDiff` when desks share one (PLATFORM.md). */
  mode: SyncMode
  intervalMs: number
  /** Conversations read at the same time. */
  fetchParallel: number
  /** Conversations drained at the same time. */
  drainParallel: number
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  mode: 'queue',
  intervalMs: 30_000,
  fetchParallel: 4,
  drainParallel: 3,
}

export interface SyncEngineOptions {
  db: InnboxDb
  port: SyncPort
  now?: () => number
  config?: Partial<EngineConfig>
  locks?: LockManagerLike
  timers?: Timers
  onFocus?: EventSubscription
  onOnline?: EventSubscription
}

const STUBS_PER_RUN = 20
export const PULL_LOCK = 'innbox-sync-pull'

export function createSyncEngine(options: SyncEngineOptions) {
  const ctx: SyncContext = { db: options.db, port: options.port, now: options.now ?? Date.now }
  let config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...options.config }
  const status = createStatus({
    state: 'idle',
    lastSyncAt: null,
    lastError: null,
    bootstrap: null,
    retryAt: null,
  })
  const locks = options.locks ?? defaultLocks()
  const drainer = createOutboxDrain(ctx, { parallel: config.drainParallel, locks })
  const scheduledSends = createScheduledSends(ctx)
  const scheduler = createScheduler({
    run,
    now: ctx.now,
    intervalMs: config.intervalMs,
    ...(options.timers ? { timers: options.timers } : {}),
    onFocus: options.onFocus ?? windowEvent('focus'),
    onOnline: options.onOnline ?? windowEvent('online'),
  })

  function fail(failure: Classified, drained: DrainReport | null) {
    const retryAt = failure.retryAfterMs === null ? null : ctx.now() + failure.retryAfterMs
    status.set({
      state: failure.kind === 'offline' ? 'offline' : 'error',
      lastError: { code: failure.code, message: failure.message },
      retryAt,
    })
    return { nextDueAt: retryAt ?? drained?.nextAttemptAt ?? null }
  }

  async function run(trigger: SyncTrigger): Promise<{ nextDueAt: number | null }> {
    status.set({ state: 'syncing' })
    try {
      await runRetentionIfDue(ctx, { force: trigger === 'start' })
      await scheduledSends.run()
      const drained = await drainer.drain()
      if (drained.stoppedBy) return fail(drained.stoppedBy, drained)
      // A record came due or the user queued one: the drain was all that was asked for.
      if (trigger === 'due' || trigger === 'outbox') {
        status.set({ state: 'idle', retryAt: null })
        return { nextDueAt: drained.nextAttemptAt }
      }
      // One window pulls at a time: two windows consuming the queue at once would each confirm
      // a page, and the second confirm would drop messages nobody has written yet.
      const pulled = await withLockIfAvailable(locks, PULL_LOCK, pull)
      if (pulled === null) {
        status.set({ state: 'idle' })
        return { nextDueAt: drained.nextAttemptAt }
      }
      if (!pulled.ok) return fail(pulled.failure, drained)
      const lastSyncAt = ctx.now()
      await writeSyncState(ctx.db, 'lastSyncAt', lastSyncAt)
      status.set({ state: 'idle', lastSyncAt, lastError: null, retryAt: null })
      // The platform answered: what waited only for it goes now, not at the end of its backoff.
      if ((await dueAfterReconnect(ctx.db, ctx.now())) > 0) {
        const again = await drainer.drain()
        if (again.stoppedBy) return fail(again.stoppedBy, again)
        return { nextDueAt: again.nextAttemptAt }
      }
      return { nextDueAt: drained.nextAttemptAt }
    } catch (error) {
      const storeError = toStoreError(error)
      // Out of space: the attachment cache is the one thing we may drop (metadata stays).
      if (storeError.code === 'quota_exceeded') await evictAllBytes(ctx.db).catch(() => 0)
      status.set({
        state: 'error',
        lastError: { code: storeError.code, message: storeError.message },
      })
      return { nextDueAt: null }
    }
  }

  async function pull(): Promise<Step> {
    const properties = await refreshProperties(ctx)
    if (!properties.ok) return properties
    await includeProperties(ctx, properties.value)
    if (!(await isBootstrapped(ctx))) {
      const booted = await bootstrap(ctx, {
        parallel: config.fetchParallel,
        onProgress: (progress) => status.set({ bootstrap: progress }),
      })
      if (!booted.ok) return booted
    }
    const reservations = await pullReservations(ctx, properties.value)
    if (!reservations.ok) return reservations
    const messages =
      config.mode === 'queue'
        ? await pullQueue(ctx)
        : await pullListDiff(ctx, properties.value, config.fetchParallel)
    if (!messages.ok) return messages
    const hydrated = await hydrateStubs(ctx, STUBS_PER_RUN, config.fetchParallel)
    return hydrated.ok ? { ok: true, value: undefined } : hydrated
  }

  return {
    /** The current status; see `subscribe` to follow it. */
    status: (): SyncStatus => status.get(),
    /** Calls the listener now and on every change; returns the unsubscribe. */
    subscribe: status.subscribe,
    /** Loads the last sync time, then syncs at once and on every trigger until `stop`. */
    async start(): Promise<void> {
      const lastSyncAt = (await readSyncState(ctx.db, 'lastSyncAt')) ?? null
      status.set({ lastSyncAt })
      await scheduler.start()
    },
    stop: (): Promise<void> => scheduler.stop(),
    /** The "Sync now" button: a full run now, or right after the one in progress. */
    syncNow: (): Promise<void> => scheduler.trigger('manual'),
    /** After something was queued in the outbox: drain now. */
    flushOutbox: (): Promise<void> => scheduler.trigger('outbox'),
    configure(patch: Partial<Pick<EngineConfig, 'mode' | 'intervalMs'>>) {
      config = { ...config, ...patch }
      if (patch.intervalMs !== undefined) scheduler.setInterval(patch.intervalMs)
    },
    get config(): EngineConfig {
      return config
    },
  }
}

export type SyncEngine = ReturnType<typeof createSyncEngine>
