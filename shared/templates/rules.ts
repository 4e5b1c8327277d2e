import { z } from 'zod'
import { conversationTypeSchema, idSchema } from '../platform'
import { SEND_WINDOW_DAYS_AFTER_END } from '../policy'
import { wallTimeSchema } from './facts'
import { languageCodeSchema } from './language'

// Scheduled sends (issue 8; PLATFORM.md rule 10: "before check-in" or "after booking").
// Times are property-local wall-clock times; the schedule turns them into instants in the
// property's zone (schedule.ts).

/** A month: a longer delay after booking is no longer an "after booking" message. [ours] */
export const MAX_AFTER_BOOKING_MINUTES = 30 * 24 * 60
/** A year ahead is as far as bookings reach. [ours] */
export const MAX_DAYS_BEFORE_CHECK_IN = 365

const days = (max: number) => z.number().int().min(1).max(max)

export const ruleTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('afterBooking'),
    delayMinutes: z.number().int().min(0).max(MAX_AFTER_BOOKING_MINUTES),
  }),
  z.strictObject({
    kind: z.literal('beforeCheckIn'),
    days: days(MAX_DAYS_BEFORE_CHECK_IN),
    at: wallTimeSchema,
  }),
  z.strictObject({ kind: z.literal('onCheckInDay'), at: wallTimeSchema }),
  // Rule 1: the send window closes 7 days after check-out, so a later day could never send.
  z.strictObject({
    kind: z.literal('afterCheckOut'),
    days: days(SEND_WINDOW_DAYS_AFTER_END),
    at: wallTimeSchema,
  }),
])
export type RuleTrigger = z.infer<typeof ruleTriggerSchema>
export type RuleTriggerKind = RuleTrigger['kind']
export const RULE_TRIGGER_KINDS: readonly RuleTriggerKind[] = [
  'afterBooking',
  'beforeCheckIn',
  'onCheckInDay',
  'afterCheckOut',
]

const nightsBound = z.number().int().min(1).nullable()

/** Empty lists and null bounds mean "any". */
export const ruleConditionsSchema = z.strictObject({
  propertyIds: z.array(idSchema),
  minNights: nightsBound,
  maxNights: nightsBound,
  languages: z.array(languageCodeSchema),
  conversationTypes: z.array(conversationTypeSchema),
})
export type RuleConditions = z.infer<typeof ruleConditionsSchema>

export const RULE_MODES = ['send', 'draft'] as const
export type RuleMode = (typeof RULE_MODES)[number]

export const scheduleRuleSchema = z.strictObject({
  id: idSchema,
  templateId: idSchema,
  trigger: ruleTriggerSchema,
  conditions: ruleConditionsSchema,
  /** `send` enqueues into the outbox; `draft` prepares a draft for staff to review. */
  mode: z.enum(RULE_MODES),
  enabled: z.boolean(),
})
export type ScheduleRule = z.infer<typeof scheduleRuleSchema>
