import type { InnboxDb } from '@/db'
import { firstPageCandidates } from '@/db/first-page-queries'
import { comparatorFor, type ListQuery } from './list-model'
import { entryOf, type ListResult } from './read-model'

// The list's first screen while the read model (in its worker) makes its first full read of the
// store (issue 11): the page reads the first rows of the plain list straight from the indexes
// and the count from the maintained counters, and shows them until the read model's first
// answer replaces them. Filters, search and the arrival sort need every row: they wait.

export const FIRST_PAGE_SIZE = 60

/** Whether the first screen of this query can be read from the indexes alone. */
export function hasFirstPage(
  query: ListQuery,
): query is ListQuery & { sort: 'replyDeadline' | 'lastActivity' } {
  const { filters } = query
  return (
    query.search.trim() === '' &&
    query.sort !== 'arrival' &&
    !filters.needsReply &&
    !filters.unread &&
    filters.stage === 'all' &&
    filters.arrivalFrom === null &&
    filters.arrivalTo === null
  )
}

/** The query's first rows in list order and the list's size; null when it has no first page. */
export async function readFirstPage(
  db: InnboxDb,
  query: ListQuery,
  size = FIRST_PAGE_SIZE,
): Promise<ListResult | null> {
  if (!hasFirstPage(query)) return null
  const started = performance.now()
  const { rows, total } = await firstPageCandidates(db, {
    propertyId: query.propertyId,
    sort: query.sort,
    now: query.now,
    size,
  })
  // Neither sort looks at the stay (the arrival sort has no first page): no reservations read.
  const entries = rows.map((row) => entryOf(row, new Set()))
  entries.sort(comparatorFor(query.sort, query.now, () => ''))
  return {
    loaded: true,
    partial: true,
    ids: entries.slice(0, size).map((entry) => entry.conversationId),
    total,
    matches: null,
    terms: [],
    index: { ready: false, indexedMessages: 0, totalMessages: 0 },
    tookMs: performance.now() - started,
  }
}
