import type { InnboxDb } from './schema'
import type { ConversationRecord } from './records'

// The list's first screen at start, read straight from the conversations' indexes (issue 11):
// the inbox read model (search/) reads every conversation and reservation before its first
// answer, seconds with 20,000 of each; these reads touch a few hundred rows. Only the plain
// list has such a page (every conversation of one property or of all, no filter, no search).

export interface FirstPageRequest {
  /** `'all'` or one property's id. */
  propertyId: string
  sort: 'replyDeadline' | 'lastActivity'
  now: number
  size: number
}

export interface FirstPageCandidates {
  /** A superset of the first `size` rows of the list; the caller sorts them as the list does. */
  rows: ConversationRecord[]
  /** How many conversations the list has, from the maintained counters (db/counters.ts). */
  total: number
}

export async function firstPageCandidates(
  db: InnboxDb,
  request: FirstPageRequest,
): Promise<FirstPageCandidates> {
  return db.transaction('r', [db.conversations, db.counters, db.properties], async () => {
    const scope = request.propertyId === 'all' ? null : request.propertyId
    const [counters, propertyIds] = await Promise.all([
      scope === null ? db.counters.toArray() : db.counters.where(':id').equals(scope).toArray(),
      scope === null ? db.properties.toCollection().primaryKeys() : Promise.resolve([scope]),
    ])
    const total = counters.reduce((sum, row) => sum + row.conversations, 0)
    // Under `replyDeadline`, conversations a reply is still owed in come first (rule 2), by
    // deadline: the deadline index holds them in that order, ties by id as the list breaks them.
    const open =
      request.sort === 'replyDeadline'
        ? await openReplies(db, scope, request.now, request.size)
        : []
    if (open.length >= request.size) return { rows: open, total }
    // Then the others by last activity, newest first. Each property's newest `size + open`
    // rows hold at least `size` that are not open; rows tied with the last one are added, since
    // the list breaks ties by id and the index's reverse order does not.
    const perProperty = await Promise.all(
      propertyIds.map((id) => newestOfProperty(db, id, request.size + open.length)),
    )
    const byId = new Map<string, ConversationRecord>()
    for (const row of [...open, ...perProperty.flat()]) byId.set(row.conversationId, row)
    return { rows: [...byId.values()], total }
  })
}

function openReplies(
  db: InnboxDb,
  scope: string | null,
  now: number,
  size: number,
): Promise<ConversationRecord[]> {
  const range =
    scope === null
      ? db.conversations
          .where('[needsReply+replyDeadline]')
          .between([1, now], [1, Number.POSITIVE_INFINITY], false, true)
      : db.conversations
          .where('[propertyId+needsReply+replyDeadline]')
          .between([scope, 1, now], [scope, 1, Number.POSITIVE_INFINITY], false, true)
  return range.limit(size).toArray()
}

async function newestOfProperty(
  db: InnboxDb,
  propertyId: string,
  size: number,
): Promise<ConversationRecord[]> {
  const rows = await db.conversations
    .where('[propertyId+lastActivityAt]')
    .between([propertyId, Number.NEGATIVE_INFINITY], [propertyId, Number.POSITIVE_INFINITY])
    .reverse()
    .limit(size)
    .toArray()
  if (rows.length < size) return rows
  const ties = await db.conversations
    .where('[propertyId+lastActivityAt]')
    .equals([propertyId, rows.at(-1)!.lastActivityAt])
    .toArray()
  return [...rows, ...ties]
}
