// Every reason a policy decision can give, with its severity, the PLATFORM.md rule behind it
// and its i18n key in `shared/locales/<lng>/policy.json`.

export type Severity = 'block' | 'warn' | 'info'

/** Rule numbers of PLATFORM.md's "Messaging rules"; null where the constraint is in "Objects". */
export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6 | 11 | null

const REASONS = {
  sendWindowNotOpen: { severity: 'block', rule: 1 },
  sendWindowClosed: { severity: 'block', rule: 1 },
  sendWindowUnknown: { severity: 'warn', rule: 1 },
  sendWindowOpenUntil: { severity: 'info', rule: 1 },
  replyWindowOpenUntil: { severity: 'info', rule: 2 },
  conversationExpired: { severity: 'block', rule: 3 },
  attachmentNotImage: { severity: 'block', rule: 4 },
  attachmentTooLarge: { severity: 'block', rule: 4 },
  attachmentUnreadable: { severity: 'block', rule: 4 },
  attachmentWithoutText: { severity: 'block', rule: 4 },
  attachmentsInRequestToBook: { severity: 'block', rule: null },
  linksDisabled: { severity: 'block', rule: 5 },
  linkWillBeRemoved: { severity: 'warn', rule: 5 },
  paymentRequest: { severity: 'warn', rule: 5 },
  emailAddress: { severity: 'warn', rule: 6 },
  phoneNumber: { severity: 'warn', rule: 6 },
  contactDetailsInRequestToBook: { severity: 'block', rule: 6 },
  textEmpty: { severity: 'block', rule: 11 },
  textTooLong: { severity: 'block', rule: 11 },
  answerInExtranetDateChange: { severity: 'info', rule: null },
  answerInExtranetCancelForLess: { severity: 'info', rule: null },
} as const satisfies Record<string, { severity: Severity; rule: RuleNumber }>

export type ReasonCode = keyof typeof REASONS
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[]

/** The i18n key of a reason, e.g. `policy:reasons.sendWindowClosed`. */
export type ReasonKey = `policy:reasons.${ReasonCode}`

export function reasonKey(code: ReasonCode): ReasonKey {
  return `policy:reasons.${code}`
}

/**
 * Values a translation may interpolate. Instants are epoch ms: the caller formats them with
 * Intl in the property's time zone and passes them as `{{from}}` / `{{until}}`; `count` selects plurals.
 */
export interface ReasonValues {
  from?: number
  until?: number
  limit?: number
  count?: number
  matches?: string[]
  fileName?: string
  attachmentIndex?: number
}

/** One reason of a decision. Plain data: decisions cross the IPC bridge. */
export interface PolicyReason {
  code: ReasonCode
  severity: Severity
  rule: RuleNumber
  key: ReasonKey
  values: ReasonValues
}

export function reason(code: ReasonCode, values: ReasonValues = {}): PolicyReason {
  const { severity, rule } = REASONS[code]
  return { code, severity, rule, key: reasonKey(code), values }
}

export function severityOf(code: ReasonCode): Severity {
  return REASONS[code].severity
}

const SEVERITY_ORDER: Record<Severity, number> = { block: 0, warn: 1, info: 2 }

/** Blocking reasons first, then warnings, then notes; stable within a severity. */
export function sortReasons(reasons: readonly PolicyReason[]): PolicyReason[] {
  return reasons
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] || a.index - b.index,
    )
    .map(({ item }) => item)
}

/** Every decision: allowed unless a reason blocks. */
export interface PolicyDecision {
  allowed: boolean
  reasons: PolicyReason[]
}

export function decide(reasons: readonly PolicyReason[]): PolicyDecision {
  const sorted = sortReasons(reasons)
  return { allowed: sorted.every((item) => item.severity !== 'block'), reasons: sorted }
}
