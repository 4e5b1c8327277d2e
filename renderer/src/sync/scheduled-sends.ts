import {
  expireQueuedScheduledSends,
  messagesOf,
  recordScheduledSend,
  scheduleInputs,
  StoreError,
  type MessageOrigin,
  type ReservationRecord,
  type ScheduledOutcome,
  type ScheduledSendRecord,
  type ScheduleInputs,
  type ScheduleRuleRecord,
} from '@/db'
import type { Message } from '@shared/platform'
import { evaluateSend, policyConversationFrom } from '@shared/policy'
import {
  normalizeLanguage,
  pickVariant,
  renderContextFrom,
  renderTemplate,
  scheduleFor,
  schedulePropertyFrom,
  scheduleStayFrom,
  type ScheduleCandidate,
  type ScheduledSend,
  type Template,
} from '@shared/templates'
import { languageDetector } from '@/language/detector'
import type { SyncContext } from './context'

// Scheduled sends (issue 8; PLATFORM.md rule 10), one step of every sync run, before the
// outbox drain so what comes due goes out in the same run. The schedule is computed by
// shared/templates from the property's zone; each due message is decided once and recorded
// with its outbox record (db/scheduled-sends.ts), so it is sent at most once per reservation.
//
// Catching up after the desk was closed: a message due while its rule stood is still sent until
// it expires ("before check-in" never after check-in); once expired it is recorded as such. A
// message that came due before its rule was made, switched on or retimed is never sent by
// itself (a new "after booking" rule must not write to guests who booked months ago); staff
// may still send it from the Upcoming view. The clock is the engine's: the desk's clock.

/** The guest's language from what they wrote; null when nothing they wrote tells. */
export async function detectGuestLanguage(texts: readonly string[]): Promise<string | null> {
  const text = texts.join('\n').trim()
  if (!text) return null
  // In a worker started on first use: the n-gram model is large and most stays carry their
  // language. A detector that cannot run leaves the language unknown.
  const found = await languageDetector()
    .detect([text])
    .catch(() => [])
  return found[0]?.language ?? null
}

export type GuestLanguageDetector = (texts: readonly string[]) => Promise<string | null>

/** One rule's message for one stay, with what the Upcoming view and the scheduler need. */
export interface PlannedSend extends ScheduledSend {
  reservation: ReservationRecord
  rule: ScheduleRuleRecord
  template: Template
  record: ScheduledSendRecord | null
  /** Came due before its rule counted (see above): never sent without staff. */
  beforeRule: boolean
}

/** The schedule of every stay against every rule now, soonest first. */
export function planScheduledSends(
  inputs: ScheduleInputs,
  now: number,
  detected: ReadonlyMap<string, string | null> = new Map(),
): PlannedSend[] {
  const candidates: ScheduleCandidate[] = []
  for (const reservation of inputs.reservations) {
    const property = inputs.properties.get(reservation.propertyId)
    if (!property) continue
    const facts = inputs.facts.get(reservation.propertyId) ?? null
    candidates.push({
      stay: scheduleStayFrom(reservation.reservation),
      property: schedulePropertyFrom(property.property, facts),
      language:
        normalizeLanguage(reservation.reservation.guest_language) ??
        detected.get(reservation.reservationId) ??
        null,
    })
  }
  const rules = new Map(inputs.rules.map((record) => [record.ruleId, record]))
  const templates = new Map(inputs.templates.map((template) => [template.id, template]))
  const reservations = new Map(inputs.reservations.map((r) => [r.reservationId, r]))
  const entries = scheduleFor(
    inputs.rules.map((record) => record.rule),
    candidates,
    now,
    inputs.templates,
  )
  return entries.flatMap((entry) => {
    const rule = rules.get(entry.ruleId)
    const template = templates.get(entry.templateId)
    const reservation = reservations.get(entry.reservationId)
    if (!rule || !template || !reservation) return []
    return [
      {
        ...entry,
        reservation,
        rule,
        template,
        record: inputs.records.get(entry.key) ?? null,
        beforeRule: entry.dueAt < rule.activeSince,
      },
    ]
  })
}

export function originOf(planned: Pick<PlannedSend, 'template' | 'rule'>): MessageOrigin {
  return {
    templateId: planned.template.id,
    templateName: planned.template.name,
    ruleId: planned.rule.ruleId,
    trigger: planned.rule.rule.trigger,
  }
}

/**
 * The message for one planned send: the variant in the guest's language (else the default),
 * filled for the reservation, judged by the policy now. Skipped when a value is missing (a
 * guest never gets a gap) or the policy blocks it (window closed, links off…).
 */
export function composeScheduledSend(
  planned: PlannedSend,
  inputs: ScheduleInputs,
  messages: readonly Message[],
  detectedLanguage: string | null,
  now: number,
  mode: 'send' | 'draft' = planned.mode,
): ScheduledOutcome {
  const { reservation, template } = planned
  const property = inputs.properties.get(reservation.propertyId)
  const picked = pickVariant(template, reservation.reservation.guest_language, detectedLanguage)
  if (!property || !picked)
    return { status: 'skipped', skip: { reason: 'missingValues', keys: [] } }
  const context = renderContextFrom({
    property: property.property,
    facts: inputs.facts.get(reservation.propertyId) ?? null,
    reservation: reservation.reservation,
  })
  const rendered = renderTemplate(picked.variant.body, context, picked.variant.language)
  if (!rendered.complete) {
    return { status: 'skipped', skip: { reason: 'missingValues', keys: rendered.missing } }
  }
  const conversation = policyConversationFrom({
    property: property.property,
    reservation: reservation.reservation,
    messages,
    conversationType: reservation.reservation.conversation_type,
  })
  const decision = evaluateSend(conversation, { text: rendered.text }, now)
  if (!decision.allowed) {
    const reasons = decision.reasons.filter((reason) => reason.severity === 'block')
    return { status: 'skipped', skip: { reason: 'policy', reasons } }
  }
  return { status: mode === 'send' ? 'sent' : 'drafted', content: rendered.text }
}

export interface ScheduledRunReport {
  /** Messages decided in this run: sent, drafted, skipped or expired. */
  decided: number
  /** Queued messages taken back because they expired before they could go. */
  takenBack: number
}

/** The engine's scheduled-sends step; the detector is injected by tests. */
export function createScheduledSends(
  ctx: SyncContext,
  { detect = detectGuestLanguage }: { detect?: GuestLanguageDetector } = {},
) {
  // Per conversation: the language detected, and the latest guest message it was read from.
  const detections = new Map<string, { at: number | null; language: string | null }>()

  async function detectedFor(reservation: ReservationRecord): Promise<string | null> {
    const conversation = await ctx.db.conversations.get(reservation.conversationId)
    const at = conversation?.lastGuestMessageAt ?? null
    const cached = detections.get(reservation.conversationId)
    if (cached && cached.at === at) return cached.language
    const texts =
      at === null
        ? []
        : (await messagesOf(ctx.db, reservation.conversationId))
            .filter((m) => m.sender === 'guest')
            .map((m) => m.message.content)
    const language = await detect(texts)
    detections.set(reservation.conversationId, { at, language })
    return language
  }

  async function detectAll(inputs: ScheduleInputs): Promise<Map<string, string | null>> {
    const detected = new Map<string, string | null>()
    for (const reservation of inputs.reservations) {
      if (normalizeLanguage(reservation.reservation.guest_language)) continue
      detected.set(reservation.reservationId, await detectedFor(reservation))
    }
    return detected
  }

  /**
   * The outcome for a due or expired entry. An entry that could never be sent (due after its
   * end, e.g. "7 days after check-out, at 18:00" when rule 1 closes at 11:00) is judged when it
   * comes due, so it is recorded with the policy's reason (the window closed), not as late.
   */
  async function outcomeOf(
    planned: PlannedSend,
    inputs: ScheduleInputs,
    detected: string | null,
    now: number,
  ): Promise<ScheduledOutcome> {
    const neverSendable = planned.dueAt >= planned.expiresAt
    if (planned.status === 'expired' && !neverSendable) return { status: 'expired' }
    const messages = await messagesOf(ctx.db, planned.reservation.conversationId)
    const composed = composeScheduledSend(
      planned,
      inputs,
      messages.map((m) => m.message),
      detected,
      now,
    )
    if (planned.status !== 'expired') return composed
    return composed.status === 'skipped' && composed.skip.reason === 'policy'
      ? composed
      : { status: 'expired' }
  }

  async function decide(planned: PlannedSend, inputs: ScheduleInputs, detected: string | null) {
    const now = ctx.now()
    const outcome = await outcomeOf(planned, inputs, detected, now)
    const entry = {
      key: planned.key,
      ruleId: planned.ruleId,
      templateId: planned.templateId,
      reservationId: planned.reservationId,
      propertyId: planned.reservation.propertyId,
      conversationId: planned.reservation.conversationId,
      dueAt: planned.dueAt,
      expiresAt: planned.expiresAt,
    }
    const decision = { entry, outcome, origin: originOf(planned), decidedBy: 'scheduler' as const }
    return recordScheduledSend(ctx.db, decision, now)
  }

  async function run(): Promise<ScheduledRunReport> {
    const now = ctx.now()
    const inputs = await scheduleInputs(ctx.db, now)
    const report: ScheduledRunReport = { decided: 0, takenBack: 0 }
    if (inputs.rules.length === 0) return report
    report.takenBack = await expireQueuedScheduledSends(ctx.db, inputs.records.values(), now)
    const detected = await detectAll(inputs)
    for (const planned of planScheduledSends(inputs, now, detected)) {
      if (planned.record || planned.beforeRule || planned.status === 'pending') continue
      // Not due yet, though it could never be sent: judged when it comes due (see outcomeOf).
      if (now < planned.dueAt) continue
      try {
        const recorded = await decide(planned, inputs, detected.get(planned.reservationId) ?? null)
        if (recorded) report.decided += 1
      } catch (error) {
        // The store failing stops the run (the engine reports it); one odd stay does not.
        if (error instanceof StoreError) throw error
        console.warn('scheduled send not decided', planned.key, error)
      }
    }
    return report
  }

  return { run }
}

export type ScheduledSends = ReturnType<typeof createScheduledSends>
