import { computed, type Ref } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { inboxRows, type InboxRow } from '@/db/inbox-queries'
import { useSyncStore } from '@/stores/sync'

/** Rows kept after they scroll away, so scrolling back shows them at once. */
const CACHE_LIMIT = 600

/**
 * The stored rows of the conversations on screen (and a few around), live: the list knows
 * 20,000 ids but reads only the rows it draws.
 */
export function useInboxRows(ids: Ref<readonly string[]>, matchIds: Ref<readonly string[]>) {
  const sync = useSyncStore()
  const cache = new Map<string, InboxRow>()
  const live = useLiveQuery(
    () => ({ db: sync.db, ids: [...ids.value], matchIds: [...matchIds.value] }),
    ({ db, ids: wanted, matchIds: matches }) =>
      db && wanted.length > 0 ? inboxRows(db, wanted, matches) : Promise.resolve(new Map()),
    new Map<string, InboxRow>(),
  )
  const rows = computed(() => {
    for (const [id, row] of live.value.value) {
      cache.delete(id)
      cache.set(id, row)
    }
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!)
    return new Map(cache)
  })
  return { rows, error: live.error }
}
