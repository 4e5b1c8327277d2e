import { describe, expect, it } from 'vitest'
import { nights, propertyToday, stayStage } from '../../../../shared/stays'
import type { StayFacts } from '../../../../shared/stays'

const bangkok = { timeZone: 'Asia/Bangkok', checkoutTime: '12:00' }
const lisbon = { timeZone: 'Europe/Lisbon', checkoutTime: null }
const stay: StayFacts = {
  conversationType: 'reservation',
  status: 'confirmed',
  checkin: '2026-03-10',
  checkout: '2026-03-13',
}
const at = (iso: string) => Date.parse(iso)

describe('stay stage', () => {
  it.each([
    ['2026-03-09T16:59:59.999Z', 'upcoming'], // 23:59 in Bangkok the day before
    ['2026-03-09T17:00:00.000Z', 'arrivingToday'], // midnight in Bangkok
    ['2026-03-10T16:59:59.999Z', 'arrivingToday'],
    ['2026-03-10T17:00:00.000Z', 'inHouse'],
    ['2026-03-13T04:59:59.999Z', 'inHouse'], // 11:59 on the check-out day
    ['2026-03-13T05:00:00.000Z', 'departed'], // 12:00, the property's check-out time
  ])('at %s a Bangkok stay is %s', (iso, stage) => {
    expect(stayStage(stay, bangkok, at(iso))).toBe(stage)
  })

  it('uses the default check-out time of 11:00 where the property has none', () => {
    expect(stayStage(stay, lisbon, at('2026-03-13T10:59:00Z'))).toBe('inHouse')
    expect(stayStage(stay, lisbon, at('2026-03-13T11:00:00Z'))).toBe('departed')
  })

  it('says cancelled and request to book before any date', () => {
    const now = at('2026-03-11T12:00:00Z')
    expect(stayStage({ ...stay, status: 'cancelled' }, bangkok, now)).toBe('cancelled')
    expect(stayStage({ ...stay, conversationType: 'request_to_book' }, bangkok, now)).toBe(
      'requestToBook',
    )
  })

  it("knows the property's today, not the desk's", () => {
    expect(propertyToday(at('2026-03-09T18:00:00Z'), 'Asia/Bangkok')).toBe('2026-03-10')
    expect(propertyToday(at('2026-03-09T18:00:00Z'), 'America/New_York')).toBe('2026-03-09')
  })
})

describe('nights', () => {
  it('counts calendar nights, across a daylight-saving change too', () => {
    expect(nights('2026-03-10', '2026-03-13')).toBe(3)
    expect(nights('2026-03-28', '2026-03-30')).toBe(2)
    expect(nights('2026-03-13', '2026-03-10')).toBe(0)
    expect(nights('garbage', '2026-03-10')).toBe(0)
  })
})
