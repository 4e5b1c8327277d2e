import type { PropertyFacts, ScheduleRule, Template } from '@shared/templates'
import { emptyPropertyFacts } from '@shared/templates'

// Templates, rules and property facts in the shapes of shared/templates, for the db, sync,
// store and component tests of issue 8.

export function template(id: string, overrides: Partial<Template> = {}): Template {
  return {
    id,
    name: `Template ${id}`,
    topic: 'checkIn',
    propertyIds: [],
    defaultLanguage: 'en',
    variants: [
      { language: 'en', body: 'Hello {{guest.firstName}}, see you on {{stay.checkInDate}}.' },
    ],
    active: true,
    ...overrides,
  }
}

export function rule(
  id: string,
  templateId: string,
  overrides: Partial<ScheduleRule> = {},
): ScheduleRule {
  return {
    id,
    templateId,
    trigger: { kind: 'beforeCheckIn', days: 2, at: '10:00' },
    conditions: {
      propertyIds: [],
      minNights: null,
      maxNights: null,
      languages: [],
      conversationTypes: [],
    },
    mode: 'send',
    enabled: true,
    ...overrides,
  }
}

export function facts(propertyId: string, overrides: Partial<PropertyFacts> = {}): PropertyFacts {
  return { ...emptyPropertyFacts(propertyId), ...overrides }
}
