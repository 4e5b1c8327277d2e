import type { BootstrapProgress } from './bootstrap'

// The engine's observable status, for a Pinia store to mirror. Plain data, codes not strings:
// the UI maps `lastError.code` to a translated message.

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error'

export interface SyncStatus {
  state: SyncState
  /** The end of the last run that completed every step. */
  lastSyncAt: number | null
  /** What stopped the last run: a bridge code (`offline`, `rate_limited`…) or a store code (`quota_exceeded`). */
  lastError: { code: string; message: string } | null
  /** Set while the first sync of the account runs (and after, until the next run). */
  bootstrap: BootstrapProgress | null
  /** When the engine will try again after a rate limit or a backoff, if it knows. */
  retryAt: number | null
}

export type StatusListener = (status: SyncStatus) => void

export function createStatus(initial: SyncStatus) {
  let current = initial
  const listeners = new Set<StatusListener>()
  return {
    get: (): SyncStatus => current,
    set(patch: Partial<SyncStatus>) {
      current = { ...current, ...patch }
      for (const listener of listeners) listener(current)
    },
    /** Calls the listener now and on every change; returns the unsubscribe. */
    subscribe(listener: StatusListener): () => void {
      listeners.add(listener)
      listener(current)
      return () => listeners.delete(listener)
    },
  }
}
