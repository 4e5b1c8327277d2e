import { onScopeDispose, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { observeQuery } from '@/db'
import type { LiveSubscription } from '@/db'

export interface LiveQuery<T> {
  /** The latest result; `initial` until the first answer. */
  value: ShallowRef<T>
  /** True until the first answer for the current inputs has arrived. */
  loading: Ref<boolean>
  error: ShallowRef<unknown>
}

/**
 * A live view of the offline store for a component or store: re-runs when its reactive inputs
 * (`source`) change and whenever the tables it reads change. A late answer for old inputs is
 * dropped, so switching property fast never shows the previous list.
 */
export function useLiveQuery<T, S>(
  source: () => S,
  query: (input: S) => Promise<T>,
  initial: T,
): LiveQuery<T> {
  const value = shallowRef(initial) as ShallowRef<T>
  const loading = shallowRef(true)
  const error = shallowRef<unknown>(null)
  let subscription: LiveSubscription | null = null
  let generation = 0

  watch(
    source,
    (input) => {
      subscription?.unsubscribe()
      const mine = ++generation
      loading.value = true
      subscription = observeQuery(
        () => query(input),
        (next) => {
          if (mine !== generation) return
          value.value = next
          loading.value = false
          error.value = null
        },
        (failure) => {
          if (mine !== generation) return
          error.value = failure
          loading.value = false
        },
      )
    },
    { immediate: true, deep: true },
  )
  onScopeDispose(() => {
    generation++
    subscription?.unsubscribe()
  })
  return { value, loading, error }
}
