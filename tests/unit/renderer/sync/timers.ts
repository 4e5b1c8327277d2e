import type { EventSubscription, Timers } from '@/sync'

/** Timers that fire only when told: no real timer is ever left running by a test. */
export function manualTimers() {
  let next = 0
  const pending = new Map<number, { callback: () => void; ms: number }>()
  const timers: Timers = {
    setTimeout(callback, ms) {
      next += 1
      pending.set(next, { callback, ms })
      return next
    },
    clearTimeout(handle) {
      pending.delete(handle as number)
    },
  }
  return {
    timers,
    /** Delays of the timers waiting now. */
    delays: () => [...pending.values()].map((t) => t.ms),
    /** Fires every waiting timer once. */
    fire() {
      const due = [...pending.values()]
      pending.clear()
      for (const timer of due) timer.callback()
    },
  }
}

/** An event source the test can fire, and whose listeners it can count. */
export function manualEvent() {
  const listeners = new Set<() => void>()
  const subscribe: EventSubscription = (listener) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  return { subscribe, fire: () => listeners.forEach((l) => l()), count: () => listeners.size }
}
