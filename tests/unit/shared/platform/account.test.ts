import { describe, expect, it } from 'vitest'
import { propertySchema, reservationSchema, reservationsResponseSchema } from '@shared/platform'

const property = {
  property_id: 'p-1',
  name: 'Casa Azul',
  time_zone: 'Europe/Lisbon',
  checkout_time: '12:00',
  links_disabled: false,
  approved_links: ['https://casa-azul.example'],
}

const reservation = {
  reservation_id: '4380765874',
  conversation_id: 'conv-1',
  guest_name: 'Ana Silva',
  guest_language: 'pt',
  booked_at: '2024-03-01T10:00:00.000Z',
  checkin: '2024-03-30',
  checkout: '2024-04-02',
  status: 'confirmed',
  cancelled_at: null,
  conversation_type: 'reservation',
}

describe('property schema', () => {
  it('reads a property', () => {
    expect(propertySchema.parse(property)).toEqual(property)
  })

  it('defaults a missing check-out time to null and links to on with no approved list', () => {
    const parsed = propertySchema.parse({ property_id: 'p', name: 'n', time_zone: 'Asia/Bangkok' })
    expect(parsed).toMatchObject({ checkout_time: null, links_disabled: false, approved_links: [] })
  })

  it.each([
    ['an unknown time zone', { time_zone: 'Mars/Olympus' }],
    ['a check-out time with seconds', { checkout_time: '11:00:00' }],
    ['a check-out time of 24:00', { checkout_time: '24:00' }],
  ])('refuses %s', (_label, overrides) => {
    expect(propertySchema.safeParse({ ...property, ...overrides }).success).toBe(false)
  })
})

describe('reservation schema', () => {
  it('reads a confirmed reservation', () => {
    expect(reservationSchema.parse(reservation).status).toBe('confirmed')
  })

  it('reads a cancelled reservation with its cancellation instant', () => {
    const parsed = reservationSchema.parse({
      ...reservation,
      status: 'cancelled',
      cancelled_at: '2024-03-05T08:00:00Z',
    })
    expect(parsed.cancelled_at).toBe('2024-03-05T08:00:00.000Z')
  })

  it.each([
    ['cancelled without cancelled_at', { status: 'cancelled', cancelled_at: null }],
    ['cancelled_at on a confirmed booking', { cancelled_at: '2024-03-05T08:00:00Z' }],
    ['check-out before check-in', { checkout: '2024-03-29' }],
    ['an impossible date', { checkin: '2024-02-30' }],
  ])('refuses %s', (_label, overrides) => {
    expect(reservationSchema.safeParse({ ...reservation, ...overrides }).success).toBe(false)
  })

  it('reads a page of reservations', () => {
    const page = reservationsResponseSchema.parse({ reservations: [reservation] })
    expect(page.next_page_id).toBeNull()
    expect(page.reservations).toHaveLength(1)
  })
})
