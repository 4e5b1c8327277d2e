import type { OutboxRecord } from '@/db'
import type { Message } from '@shared/platform'
import { findLinks } from '@shared/policy'

// After a send whose answer never came (timeout, crash, `unknown_outcome`) the conversation is
// read before anything is sent again. The rule: a property message with the same text (links
// aside, since the platform strips unapproved ones) and as
// many attachments), dated no earlier than the record's creation, that no other outbox record
// already accounts for, is this record's message — it was sent. Otherwise it was not, and it is
// sent now. Nothing is ever sent twice on a guess.

/** [ours] The platform's clock may run behind ours: a landed message may look slightly older. */
export const DEFAULT_CLOCK_SKEW_MS = 2 * 60 * 1000

const anyLink = { approvedLinks: [], platformLinkDomains: [] }

/**
 * The text as the platform may have stored it: rule 5 strips links that are not approved, so
 * every link is taken out of both sides before comparing (otherwise a reply with a stripped
 * link would never match and would be sent twice), and whitespace is folded.
 */
export function comparableText(text: string): string {
  const normalized = text.normalize('NFC')
  let kept = normalized
  for (const link of findLinks(normalized, anyLink).sort((a, b) => b.start - a.start)) {
    kept = kept.slice(0, link.start) + kept.slice(link.end)
  }
  return kept.replace(/\s+/g, ' ').trim()
}

function sameText(a: string, b: string): boolean {
  return comparableText(a) === comparableText(b)
}

export function findLandedMessage(
  record: OutboxRecord,
  messages: readonly Message[],
  claimedMessageIds: ReadonlySet<string>,
  clockSkewMs = DEFAULT_CLOCK_SKEW_MS,
): Message | undefined {
  const { action } = record
  if (action.kind !== 'send') return undefined
  return [...messages]
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
    .find(
      (m) =>
        m.sender.metadata.participant_type === 'property' &&
        !claimedMessageIds.has(m.message_id) &&
        Date.parse(m.timestamp) >= record.createdAt - clockSkewMs &&
        sameText(m.content, action.content) &&
        m.attachment_ids.length === action.attachments.length,
    )
}
