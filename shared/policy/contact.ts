import type { PolicyConfig, PolicyConversation } from './context'
import { COMMON_TLDS, LABEL } from './patterns'
import { decide, reason, type PolicyDecision, type PolicyReason } from './reasons'
import { findAll, overlaps, prepareScanText, type TextFinding } from './scanText'

// Rule 6: communication stays on the platform. E-mail addresses (other than the platform's own
// aliases) and phone numbers are flagged; in `request_to_book` conversations they block
// (PLATFORM.md "Objects": no sharing of contact details). Heuristics, tagged [ours].

const LOCAL = '[\\p{L}\\p{N}._%+\\-]+'
// Not after `/` or `:`: `https://booking.com@evil.example` is a link with user info, not an address.
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-/:])${LOCAL}@(?:${LABEL}\\.)+\\p{L}{2,}(?![\\p{L}\\p{N}\\-])`,
  'giu',
)
const AT = '\\s*(?:\\(at\\)|\\[at\\]|\\{at\\})\\s*|\\s+at\\s+'
const DOT = '\\s*(?:\\(dot\\)|\\[dot\\]|\\{dot\\})\\s*|\\s+dot\\s+|\\.'
const SPELLED_TLD = `(?:${COMMON_TLDS.join('|')})`
/** `name (at) mail [dot] com`, `name at mail dot com`: what people write to get past filters. */
const SPELLED_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}(?:${AT})${LABEL}(?:(?:${DOT})${LABEL})*(?:${DOT})${SPELLED_TLD}(?![\\p{L}\\p{N}])`,
  'giu',
)

const SPELLED_TOKEN = /\(at\)|\[at\]|\{at\}|\(dot\)|\[dot\]|\{dot\}|\sdot\s/i

/** Digits with the separators phone numbers are written with; checked further in `isPhone`. */
const PHONE = /(?<![\p{L}\p{N}+])(?:\+|00)?[ \u00a0]?\(?\d[\d \u00a0().-]{5,}\d(?!\p{N})/gu
const MIN_PHONE_DIGITS = 8
const MAX_PHONE_DIGITS = 15
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/

function isPhone(candidate: string, reference: string | null): boolean {
  const digits = candidate.replace(/\D/g, '')
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return false
  if (DATE_LIKE.test(candidate.trim())) return false
  if (reference && digits === reference.replace(/\D/g, '')) return false
  // "30.03 - 02.04", "10.00-12.00": short groups and few digits are dates and hours.
  const groups = candidate.split(/[^\d]+/).filter(Boolean)
  const international = /^\s*(?:\+|00)/.test(candidate)
  return international || digits.length >= 10 || groups.some((group) => group.length > 2)
}

export interface ContactFindings {
  emails: TextFinding[]
  phones: TextFinding[]
}

function isPlatformAlias(address: string, domains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  return domains.some((alias) => domain === alias || domain.endsWith(`.${alias}`))
}

const strip = ({ text, start, end }: TextFinding): TextFinding => ({ text, start, end })

/** E-mail addresses and phone numbers in `text`, platform aliases left out. */
export function findContactDetails(
  text: string,
  config: Pick<PolicyConfig, 'platformEmailDomains'>,
  reference: string | null = null,
): ContactFindings {
  const scan = prepareScanText(text)
  const plain = findAll(scan, text, EMAIL)
  const spelled = findAll(scan, text, SPELLED_EMAIL)
    // " at " with a plain dot is ordinary prose ("be at home.It was"); a spelled or bracketed
    // token is what someone hiding an address writes.
    .filter((item) => SPELLED_TOKEN.test(item.normalized))
    .filter((item) => !plain.some((other) => overlaps(other, item)))
  const emails = [...plain, ...spelled]
    .filter((item) => !isPlatformAlias(item.normalized, config.platformEmailDomains))
    .sort((a, b) => a.start - b.start)
    .map(strip)
  const phones = findAll(scan, text, PHONE)
    .filter((item) => isPhone(item.normalized, reference))
    .filter((item) => !emails.some((email) => overlaps(email, item)))
    .map(strip)
  return { emails, phones }
}

export interface ContactDecision extends PolicyDecision, ContactFindings {}

/** Rule 6 for a draft. */
export function evaluateContactDetails(
  text: string,
  conversation: Pick<PolicyConversation, 'conversationType' | 'reservation'>,
  config: Pick<PolicyConfig, 'platformEmailDomains'>,
): ContactDecision {
  const found = findContactDetails(text, config, conversation.reservation?.reference ?? null)
  const all = [...found.emails, ...found.phones]
  const reasons: PolicyReason[] = []
  if (conversation.conversationType === 'request_to_book' && all.length > 0) {
    reasons.push(
      reason('contactDetailsInRequestToBook', {
        count: all.length,
        matches: all.map((item) => item.text),
      }),
    )
  } else {
    if (found.emails.length > 0) {
      reasons.push(
        reason('emailAddress', {
          count: found.emails.length,
          matches: found.emails.map((item) => item.text),
        }),
      )
    }
    if (found.phones.length > 0) {
      reasons.push(
        reason('phoneNumber', {
          count: found.phones.length,
          matches: found.phones.map((item) => item.text),
        }),
      )
    }
  }
  return { ...decide(reasons), ...found }
}
