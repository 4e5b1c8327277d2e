import { z } from 'zod'
import { idSchema } from '../platform'
import { languageCodeSchema } from './language'

// A message template (issue 8, "Template editor"; PLATFORM.md rule 10). The schema checks the
// shape only: a draft may hold placeholder errors and still be saved; `validateTemplate` says
// what is wrong and `canActivate` keeps such a template from being used.

export const TEMPLATE_TOPICS = [
  'checkIn',
  'checkOut',
  'directions',
  'parking',
  'wifi',
  'lateArrival',
  'earlyCheckIn',
  'houseRules',
  'thanks',
  'other',
] as const
export const templateTopicSchema = z.enum(TEMPLATE_TOPICS)
export type TemplateTopic = z.infer<typeof templateTopicSchema>

export const templateVariantSchema = z.strictObject({
  language: languageCodeSchema,
  body: z.string(),
})
export type TemplateVariant = z.infer<typeof templateVariantSchema>

export const templateSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1),
  topic: templateTopicSchema,
  /** The properties it is offered for; empty means every property. */
  propertyIds: z.array(idSchema),
  /**
   * The language of the default variant, used when the guest's language has none. One field
   * rather than a flag per variant, so "exactly one default" holds by construction.
   */
  defaultLanguage: languageCodeSchema,
  variants: z.array(templateVariantSchema),
  active: z.boolean(),
})
export type Template = z.infer<typeof templateSchema>

/** Whether the template is offered for `propertyId` (an empty list means every property). */
export function templateAppliesTo(template: Pick<Template, 'propertyIds'>, propertyId: string) {
  return template.propertyIds.length === 0 || template.propertyIds.includes(propertyId)
}
