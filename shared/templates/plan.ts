import { nights } from '../stays'
import { normalizeLanguage } from './language'
import { templateAppliesTo, type Template } from './model'
import type { ScheduleRule } from './rules'
import { dueInstant, expiresAt } from './schedule'
import type { ScheduleProperty, ScheduleStay } from './stay'
import { canActivate } from './validate'

// Which rules apply to which stays, and what is due now. The scheduler (renderer/sync) runs
// this on a timer and after start: `due` entries go to the outbox (or become drafts) under
// `scheduledSendKey`, so a rule never sends twice for one reservation (issue 8).

/** The rule's conditions for one stay; a disabled rule or a cancelled booking never applies. */
export function ruleApplies(
  rule: Pick<ScheduleRule, 'enabled' | 'conditions'>,
  stay: ScheduleStay,
  property: Pick<ScheduleProperty, 'propertyId'>,
  language: string | null,
): boolean {
  const { conditions } = rule
  if (!rule.enabled || stay.cancelledAt !== null) return false
  const count = nights(stay.checkin, stay.checkout)
  const guestLanguage = normalizeLanguage(language)
  const anyOr = <T>(allowed: readonly T[], value: T | null) =>
    allowed.length === 0 || (value !== null && allowed.includes(value))
  return (
    anyOr(conditions.propertyIds, property.propertyId) &&
    (conditions.minNights === null || count >= conditions.minNights) &&
    (conditions.maxNights === null || count <= conditions.maxNights) &&
    anyOr(conditions.languages, guestLanguage) &&
    anyOr(conditions.conversationTypes, stay.conversationType)
  )
}

/**
 * The idempotency key of one rule's message for one reservation: the outbox record's id, so a
 * second enqueue (another window, a restart, a catch-up) collides instead of sending again.
 * Ids are URI-encoded so `a:b` + `c` and `a` + `b:c` never share a key.
 */
export function scheduledSendKey(ruleId: string, reservationId: string): string {
  return `scheduled:${encodeURIComponent(ruleId)}:${encodeURIComponent(reservationId)}`
}

export type ScheduleStatus = 'pending' | 'due' | 'expired'

export interface ScheduledSend {
  ruleId: string
  templateId: string
  reservationId: string
  key: string
  mode: ScheduleRule['mode']
  dueAt: number
  expiresAt: number
  /** `pending` before `dueAt`; `due` from it until `expiresAt`; `expired` from then on. */
  status: ScheduleStatus
}

export interface ScheduleCandidate {
  stay: ScheduleStay
  property: ScheduleProperty
  /** The guest's language (reservation, else detected), for the languages condition. */
  language: string | null
}

/**
 * Every (rule, stay) pair whose conditions hold, with its instants and status at `now`,
 * soonest first. With `templates`, rules whose template is missing, inactive, invalid or not
 * offered for the stay's property are left out.
 */
export function scheduleFor(
  rules: readonly ScheduleRule[],
  stays: readonly ScheduleCandidate[],
  now: number,
  templates?: readonly Template[],
): ScheduledSend[] {
  const usableTemplates =
    templates &&
    new Map(templates.filter((t) => t.active && canActivate(t)).map((t) => [t.id, t] as const))
  const usable = (rule: ScheduleRule, propertyId: string) => {
    if (!usableTemplates) return true
    const template = usableTemplates.get(rule.templateId)
    return template !== undefined && templateAppliesTo(template, propertyId)
  }
  const entries: ScheduledSend[] = []
  for (const { stay, property, language } of stays) {
    for (const rule of rules) {
      if (!ruleApplies(rule, stay, property, language) || !usable(rule, property.propertyId))
        continue
      const dueAt = dueInstant(rule, stay, property)
      const ends = expiresAt(rule, stay, property)
      if (dueAt === null || ends === null) continue
      const status: ScheduleStatus =
        now >= ends || dueAt >= ends ? 'expired' : now >= dueAt ? 'due' : 'pending'
      entries.push({
        ruleId: rule.id,
        templateId: rule.templateId,
        reservationId: stay.reservationId,
        key: scheduledSendKey(rule.id, stay.reservationId),
        mode: rule.mode,
        dueAt,
        expiresAt: ends,
        status,
      })
    }
  }
  return entries.sort((a, b) => a.dueAt - b.dueAt)
}
