import {
  emptyPropertyFacts,
  renderContextFrom,
  type PropertyFacts,
  type RenderContext,
  type Template,
} from '@shared/templates'

export const at = (iso: string): number => Date.parse(iso)
export const iso = (instant: number | null): string | null =>
  instant === null ? null : new Date(instant).toISOString()

export const LANGUAGES = ['en', 'fr', 'es', 'pt', 'ru', 'th', 'de', 'nl', 'pl', 'ar'] as const

/** A property profile with every fact filled in. */
export function facts(overrides: Partial<PropertyFacts> = {}): PropertyFacts {
  return {
    ...emptyPropertyFacts('lisbon-1'),
    address: { default: 'Rua Augusta 24, Lisboa', byLanguage: { th: 'ถนนออกุสตา 24 ลิสบอน' } },
    checkInFrom: '15:00',
    checkOutUntil: '11:00',
    directions: {
      default: 'Metro to Baixa-Chiado, then 2 minutes on foot.',
      byLanguage: { ar: 'خذ المترو إلى بايشا شيادو ثم امشِ دقيقتين.' },
    },
    parking: { default: 'Public garage next door, 20 EUR a day.', byLanguage: {} },
    wifi: { network: 'Casa Augusta', password: 'azulejo 2024' },
    houseRules: { default: 'No smoking. Quiet after 22:00.', byLanguage: { ru: 'Не курить.' } },
    contactHours: { default: 'Every day 08:00–22:00', byLanguage: {} },
    ...overrides,
  }
}

export function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    ...renderContextFrom({
      property: { name: 'Casa Augusta', time_zone: 'Europe/Lisbon', checkout_time: '12:00' },
      facts: facts(),
      reservation: {
        reservation_id: '4380765874',
        guest_name: 'Ana Maria Silva',
        checkin: '2024-03-01',
        checkout: '2024-03-04',
      },
    }),
    ...overrides,
  }
}

export function template(overrides: Partial<Template> = {}): Template {
  return {
    id: 'welcome',
    name: 'Welcome',
    topic: 'checkIn',
    propertyIds: [],
    defaultLanguage: 'en',
    variants: [
      { language: 'en', body: 'Hello {{guest.firstName}}, see you on {{stay.checkInDate}}.' },
      { language: 'pt', body: 'Olá {{guest.firstName}}, até {{stay.checkInDate}}.' },
    ],
    active: true,
    ...overrides,
  }
}
