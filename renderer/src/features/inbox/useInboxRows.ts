import { computed, type Ref } from 'vue'
import { keepEqual } from '@/composables/stable'
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
  // A row equal to the one kept keeps its object (composables/stable.ts): an answer after a
  // write (marking one conversation read) draws again only the rows that changed.
  const rows = computed(() => {
    for (const [id, row] of live.value.value) {
      const kept = keepEqual(cache.get(id), row)
      cache.delete(id)
      cache.set(id, kept)
    }
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!)
    return new Map(cache)
  })
  return { rows, error: live.error }
}
