import type { InnboxDb } from './schema'
import type { ConversationRecord, TranslationRecord } from './records'

// The reads behind the screens, each answered by an index (no table scans): stores wrap them
// in live queries. Keep a screen's query here, next to the index that serves it (0001-initial).

/** The inbox: a property's conversations, most recent activity first. */
export function conversationsByActivity(
  db: InnboxDb,
  propertyId: string,
  { limit = 50, before = Number.POSITIVE_INFINITY }: { limit?: number; before?: number } = {},
): Promise<ConversationRecord[]> {
  return db.conversations
    .where('[propertyId+lastActivityAt]')
    .between([propertyId, Number.NEGATIVE_INFINITY], [propertyId, before], true, false)
    .reverse()
    .limit(limit)
    .toArray()
}

/**
 * "Needs reply": unanswered conversations, most urgent rule 2 deadline first, of one property
 * or of all. `from` drops those whose deadline passed (they can no longer be answered).
 */
export function needsReplyByDeadline(
  db: InnboxDb,
  {
    propertyId,
    from = Number.NEGATIVE_INFINITY,
    limit = 100,
  }: {
    propertyId?: string
    from?: number
    limit?: number
  } = {},
): Promise<ConversationRecord[]> {
  const max = Number.POSITIVE_INFINITY
  const query =
    propertyId === undefined
      ? db.conversations
          .where('[needsReply+replyDeadline]')
          .between([1, from], [1, max], true, true)
      : db.conversations
          .where('[propertyId+needsReply+replyDeadline]')
          .between([propertyId, 1, from], [propertyId, 1, max], true, true)
  return query.limit(limit).toArray()
}

/** Arrivals: a property's conversations by check-in date, `from` and `to` as `YYYY-MM-DD`. */
export function arrivals(
  db: InnboxDb,
  propertyId: string,
  from: string,
  to: string,
): Promise<ConversationRecord[]> {
  return db.conversations
    .where('[propertyId+checkin]')
    .between([propertyId, from], [propertyId, to], true, true)
    .toArray()
}

export function saveTranslation(db: InnboxDb, translation: TranslationRecord): Promise<unknown> {
  return db.translations.put(translation)
}

export function translationOf(
  db: InnboxDb,
  messageId: string,
  language: string,
): Promise<TranslationRecord | undefined> {
  return db.translations.get([messageId, language])
}
