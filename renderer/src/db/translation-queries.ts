import type { TranslationRecord } from './records'
import type { InnboxDb } from './schema'
import { writeTx } from './tx'

// Machine translations of messages (issue 9), kept so they stay readable offline. One row per
// message and target language (`[messageId+language]`); `provider` says which service made it,
// so a translation by another service is shown but asked for again when the service changed.
// Rows go with their conversation when rule 3 purges it (retention.ts, by `conversationId`).

/** The conversation's translations into `language`, by message id. */
export async function translationsOf(
  db: InnboxDb,
  conversationId: string,
  language: string,
): Promise<Map<string, TranslationRecord>> {
  const rows = await db.translations.where('conversationId').equals(conversationId).toArray()
  return new Map(rows.filter((row) => row.language === language).map((row) => [row.messageId, row]))
}

/** Stores translations that came back together, in one transaction. */
export function saveTranslations(
  db: InnboxDb,
  records: readonly TranslationRecord[],
): Promise<void> {
  if (records.length === 0) return Promise.resolve()
  return writeTx(db, [db.translations, db.conversations], async () => {
    // A conversation purged while the translation was on its way must not get rows back.
    const ids = [...new Set(records.map((record) => record.conversationId))]
    const known = await db.conversations.bulkGet(ids)
    const kept = new Set(ids.filter((_, index) => known[index] !== undefined))
    await db.translations.bulkPut(records.filter((record) => kept.has(record.conversationId)))
  })
}
