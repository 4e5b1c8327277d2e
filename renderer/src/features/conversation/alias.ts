import type { Participant, Reservation } from '@shared/platform'

// PLATFORM.md rule 6: neither side sees the other's real e-mail; the guest appears as an
// alias ending `@guest.booking.com`. The platform objects Innbox receives (reservation feed,
// participants) do not carry that alias, so the panel shows one derived from the reservation
// number, labelled as derived. The number is the booking's stable key (two desks show the same
// alias) and holds no personal data; a real address is never shown because none is ever stored.

export const GUEST_ALIAS_DOMAIN = 'guest.booking.com'

export interface GuestAlias {
  address: string
  /** True when Innbox made it up from the reservation rather than reading it from the platform. */
  derived: boolean
}

const ALIAS = new RegExp(`^[^@\\s]+@${GUEST_ALIAS_DOMAIN.replace(/\./g, '\\.')}$`, 'i')

export function guestAlias(
  reservation: Pick<Reservation, 'reservation_id'> | null,
  participants: readonly Participant[] = [],
): GuestAlias | null {
  // Should the platform ever name the guest participant by its alias, show that one.
  const named = participants.find(
    (p) => p.metadata.participant_type === 'guest' && ALIAS.test(p.metadata.name ?? ''),
  )?.metadata.name
  if (named) return { address: named.toLowerCase(), derived: false }
  if (!reservation) return null
  const local = reservation.reservation_id.toLowerCase().replace(/[^a-z0-9._-]/g, '')
  return local ? { address: `${local}@${GUEST_ALIAS_DOMAIN}`, derived: true } : null
}
