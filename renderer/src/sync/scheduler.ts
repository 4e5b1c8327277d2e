// When sync runs: at once on start, every interval (30 s by default), on window focus, when
// the network comes back, when the user presses "Sync now", and when the outbox has a record
// due earlier than the next tick (a Retry-After, a backoff). Runs never overlap: a trigger
// during a run asks for one more run right after it.

export type SyncTrigger = 'start' | 'interval' | 'focus' | 'online' | 'manual' | 'outbox' | 'due'

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Subscribes to "the window got focus" / "the network is back"; returns the unsubscribe. */
export type EventSubscription = (listener: () => void) => () => void

export interface SchedulerOptions {
  /** One run; may answer the instant something becomes due (the outbox's next attempt). */
  run: (trigger: SyncTrigger) => Promise<{ nextDueAt?: number | null } | void>
  now: () => number
  intervalMs?: number
  timers?: Timers
  onFocus?: EventSubscription
  onOnline?: EventSubscription
}

export const DEFAULT_INTERVAL_MS = 30_000

export function windowEvent(name: 'focus' | 'online'): EventSubscription {
  return (listener) => {
    if (typeof window === 'undefined') return () => {}
    window.addEventListener(name, listener)
    return () => window.removeEventListener(name, listener)
  }
}

export function createScheduler(options: SchedulerOptions) {
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  let intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  let timer: unknown = null
  let running: Promise<void> | null = null
  let again: SyncTrigger | null = null
  let started = false
  const unsubscribe: (() => void)[] = []

  function schedule(nextDueAt: number | null | undefined) {
    if (!started) return
    if (timer !== null) timers.clearTimeout(timer)
    const untilDue =
      nextDueAt === null || nextDueAt === undefined
        ? Infinity
        : Math.max(0, nextDueAt - options.now())
    const trigger: SyncTrigger = untilDue < intervalMs ? 'due' : 'interval'
    timer = timers.setTimeout(
      () => {
        timer = null
        void trigger_(trigger)
      },
      Math.min(intervalMs, untilDue),
    )
  }

  /** Runs, then once more for every trigger that came meanwhile; resolves after the last. */
  async function loop(first: SyncTrigger): Promise<void> {
    let trigger = first
    try {
      for (;;) {
        let nextDueAt: number | null | undefined = null
        try {
          nextDueAt = (await options.run(trigger))?.nextDueAt
        } catch {
          // The engine reports its own failures in its status; the schedule must go on.
        }
        if (again !== null && started) {
          trigger = again
          again = null
          continue
        }
        schedule(nextDueAt)
        return
      }
    } finally {
      running = null
    }
  }

  function trigger_(trigger: SyncTrigger): Promise<void> {
    if (running) {
      again = again ?? trigger
      return running
    }
    running = loop(trigger)
    return running
  }

  return {
    start(): Promise<void> {
      if (started) return running ?? Promise.resolve()
      started = true
      if (options.onFocus) unsubscribe.push(options.onFocus(() => void trigger_('focus')))
      if (options.onOnline) unsubscribe.push(options.onOnline(() => void trigger_('online')))
      return trigger_('start')
    },
    /** Asks for a run now (or right after the current one). */
    trigger: (trigger: SyncTrigger = 'manual') => trigger_(trigger),
    setInterval(ms: number) {
      intervalMs = ms
      if (timer !== null) schedule(null)
    },
    /** Stops timers and listeners; a run in progress finishes but schedules nothing. */
    async stop(): Promise<void> {
      started = false
      again = null
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
      for (const off of unsubscribe.splice(0)) off()
      await running?.catch(() => undefined)
    },
    get running(): boolean {
      return running !== null
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
