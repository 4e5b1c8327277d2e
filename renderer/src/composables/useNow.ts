import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

/**
 * The current instant as a ref, ticking every `intervalMs`: countdowns and "window closed"
 * are comparisons with now (db/derive.ts keeps stored fields clock-free), so they must move.
 */
export function useNow(intervalMs = 30_000, clock: () => number = Date.now): ShallowRef<number> {
  const now = shallowRef(clock())
  const timer = setInterval(() => (now.value = clock()), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
