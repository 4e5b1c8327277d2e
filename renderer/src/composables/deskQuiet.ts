// When the desk is not being used: work that can wait (the reply score's first read and compute,
// a second of CPU at 20,000 conversations and several at 200,000) starts in a pause instead of
// competing with the first conversations opened after a start, on a two-core machine (issue 11).

/** Input that means someone is using the desk. */
const INPUT_EVENTS = ['pointerdown', 'click', 'keydown', 'wheel', 'input'] as const

export interface InputClock {
  /** When the desk last had input (the clock's time), or -∞ when never. */
  lastInputAt(): number
  now(): number
  dispose(): void
}

/** Follows input on `target` (the window in the app), from now on. */
export function createInputClock(
  target: EventTarget,
  now: () => number = () => performance.now(),
): InputClock {
  let last = Number.NEGATIVE_INFINITY
  const mark = () => {
    last = now()
  }
  const options = { capture: true, passive: true }
  for (const type of INPUT_EVENTS) target.addEventListener(type, mark, options)
  return {
    lastInputAt: () => last,
    now,
    dispose: () => {
      for (const type of INPUT_EVENTS) target.removeEventListener(type, mark, options)
    },
  }
}

export interface QuietWait {
  /** Nobody used the desk for this long (ms). */
  quietMs: number
  /** However busy the desk, no longer than this (ms) from the call. */
  maxWaitMs: number
}

/**
 * Resolves once the desk has had no input for `quietMs`, or `maxWaitMs` after the call
 * whatever happens; `cancel()` stops waiting (the promise then never resolves).
 */
export function waitForQuiet(
  clock: InputClock,
  { quietMs, maxWaitMs }: QuietWait,
): { done: Promise<void>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let cancelled = false
  const deadline = clock.now() + maxWaitMs
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (cancelled) return
      const now = clock.now()
      const quietAt = clock.lastInputAt() + quietMs
      if (now >= quietAt || now >= deadline) {
        resolve()
        return
      }
      timer = setTimeout(check, Math.min(quietAt, deadline) - now)
    }
    check()
  })
  return {
    done,
    cancel: () => {
      cancelled = true
      clearTimeout(timer)
    },
  }
}

let shared: InputClock | null = null

/** The window's input clock, started by the first caller. */
export function deskInput(): InputClock {
  shared ??= createInputClock(window)
  return shared
}
