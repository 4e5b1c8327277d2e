import type { ScheduleProperty, ScheduleRule, ScheduleStay } from '@shared/templates'
import { at } from './builders'

export function rule(overrides: Partial<ScheduleRule> = {}): ScheduleRule {
  return {
    id: 'before-3',
    templateId: 'welcome',
    trigger: { kind: 'beforeCheckIn', days: 3, at: '10:00' },
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

export function stay(overrides: Partial<ScheduleStay> = {}): ScheduleStay {
  return {
    reservationId: '4380765874',
    bookedAt: at('2024-01-10T09:00:00.000Z'),
    checkin: '2024-03-12',
    checkout: '2024-03-15',
    cancelledAt: null,
    conversationType: 'reservation',
    ...overrides,
  }
}

export function property(overrides: Partial<ScheduleProperty> = {}): ScheduleProperty {
  return {
    propertyId: 'lisbon-1',
    timeZone: 'Europe/Lisbon',
    checkoutTime: '11:00',
    checkInFrom: '15:00',
    ...overrides,
  }
}
