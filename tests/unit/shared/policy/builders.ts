import type { PolicyConversation, PolicyProperty, PolicyReservation } from '@shared/policy'

export const at = (iso: string): number => Date.parse(iso)
export const iso = (instant: number | null | undefined): string | null =>
  instant === null || instant === undefined ? null : new Date(instant).toISOString()
export const MS = 1

export function property(overrides: Partial<PolicyProperty> = {}): PolicyProperty {
  return {
    timeZone: 'Europe/Lisbon',
    checkoutTime: '11:00',
    linksDisabled: false,
    approvedLinks: [],
    ...overrides,
  }
}

export function reservation(overrides: Partial<PolicyReservation> = {}): PolicyReservation {
  return {
    reference: '4380765874',
    bookedAt: at('2024-01-10T09:00:00.000Z'),
    checkin: '2024-03-01',
    checkout: '2024-03-05',
    cancelledAt: null,
    ...overrides,
  }
}

export function conversation(
  overrides: Partial<Omit<PolicyConversation, 'property' | 'reservation'>> & {
    property?: Partial<PolicyProperty>
    reservation?: Partial<PolicyReservation> | null
  } = {},
): PolicyConversation {
  const { property: propertyOverrides, reservation: reservationOverrides, ...rest } = overrides
  return {
    conversationType: 'reservation',
    lastGuestMessageAt: null,
    ...rest,
    property: property(propertyOverrides),
    reservation: reservationOverrides === null ? null : reservation(reservationOverrides),
  }
}

export const codes = (decision: { reasons: { code: string }[] }): string[] =>
  decision.reasons.map((item) => item.code)
