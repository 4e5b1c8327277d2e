import { messagesOf } from './messages'
import { outboxOf } from './outbox'
import type { InnboxDb } from './schema'
import type { DraftRecord, MessageOrigin, MessageRecord } from './records'
import { writeTx } from './tx'

// Drafts per conversation, saved as the user types, kept across restarts. A draft remembers the
// conversation's latest property message when it started, so the composer can warn when another
// desk replied meanwhile (issue 6, "Conflicts and multi-desk").

export function readDraft(db: InnboxDb, conversationId: string): Promise<DraftRecord | undefined> {
  return db.drafts.get(conversationId)
}

/** Saves the text (and the template it came from); an empty text removes the draft. */
export function saveDraft(
  db: InnboxDb,
  conversationId: string,
  text: string,
  now: number,
  origin: MessageOrigin | null = null,
): Promise<void> {
  return writeTx(db, [db.drafts, db.conversations], async () => {
    if (text.trim() === '') {
      await db.drafts.delete(conversationId)
      return
    }
    const existing = await db.drafts.get(conversationId)
    const conversation = existing ? undefined : await db.conversations.get(conversationId)
    await db.drafts.put({
      conversationId,
      text,
      startedAt: existing?.startedAt ?? now,
      updatedAt: now,
      basePropertyMessageAt: existing
        ? existing.basePropertyMessageAt
        : (conversation?.lastPropertyMessageAt ?? null),
      ...(origin ? { origin } : {}),
    })
  })
}

export function deleteDraft(db: InnboxDb, conversationId: string): Promise<void> {
  return db.drafts.delete(conversationId)
}

/**
 * Property messages that arrived after the draft started and were not sent by this desk's
 * outbox: another desk (or the platform's automatic replies) answered meanwhile.
 */
export async function replyConflict(
  db: InnboxDb,
  conversationId: string,
): Promise<MessageRecord[]> {
  const draft = await db.drafts.get(conversationId)
  if (!draft) return []
  const since = draft.basePropertyMessageAt ?? Number.NEGATIVE_INFINITY
  const ours = new Set(
    (await outboxOf(db, conversationId))
      .map((record) => record.messageId)
      .filter((id): id is string => id !== null),
  )
  return (await messagesOf(db, conversationId)).filter(
    (m) => m.sender === 'property' && m.timestamp > since && !ours.has(m.messageId),
  )
}

/** The user saw the other reply and keeps writing: warn only about later ones. */
export function acknowledgeConflict(db: InnboxDb, conversationId: string): Promise<void> {
  return writeTx(db, [db.drafts, db.conversations], async () => {
    const draft = await db.drafts.get(conversationId)
    const conversation = await db.conversations.get(conversationId)
    if (!draft) return
    await db.drafts.put({
      ...draft,
      basePropertyMessageAt: conversation?.lastPropertyMessageAt ?? draft.basePropertyMessageAt,
    })
  })
}
