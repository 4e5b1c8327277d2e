import { liveQuery } from 'dexie'

export interface LiveSubscription {
  unsubscribe(): void
}

/**
 * Runs `query` now and again whenever a table it read changes (Dexie's liveQuery), so screens
 * follow the store without polling or copying tables into Pinia. The only door to liveQuery
 * outside this folder, which keeps `dexie` imports here (STYLE.md).
 */
export function observeQuery<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): LiveSubscription {
  return liveQuery(query).subscribe({ next: onValue, error: onError })
}
