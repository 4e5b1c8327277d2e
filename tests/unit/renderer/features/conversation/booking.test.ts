import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InnboxDb } from '@/db'
import { guestAlias } from '@/features/conversation/alias'
import ReservationPanel from '@/features/conversation/ReservationPanel.vue'
import SelfServiceCard from '@/features/conversation/SelfServiceCard.vue'
import { changeLanguage, i18next, initI18n } from '@/i18n'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, iso, openDb, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
})

afterEach(async () => {
  vi.useRealTimers()
  await changeLanguage('en')
  db.close()
})

async function panel() {
  const { pinia } = await openDesk(db)
  const wrapper = mountOn(pinia, ReservationPanel)
  const facts = Object.fromEntries(
    wrapper.findAll('.fact').map((fact) => [fact.get('dt').text(), fact.get('dd').text()]),
  )
  return { wrapper, facts }
}

describe('the reservation panel', () => {
  it("shows the booking in the property's calendar, the guest's language and the alias", async () => {
    await addConversation(db, { reservation: { reservation_id: '4012001234' } })
    const { facts, wrapper } = await panel()
    expect(facts).toMatchObject({
      'Check-in': 'Mar 10, 2025',
      'Check-out': 'Mar 12, 2025, until 11:00 AM',
      Stay: '2 nights',
      "Guest's language": 'Portuguese',
      'Booking status': 'Confirmed',
      'Reservation number': '4012001234',
    })
    expect(facts["Guest's platform alias"]).toContain('4012001234@guest.booking.com')
    expect(facts["Guest's platform alias"]).toContain('Derived from the reservation number')
    expect(wrapper.get('aside').attributes('aria-labelledby')).toBe('booking-title')
  })

  it('names the language in the UI language and says when a booking was cancelled', async () => {
    await addConversation(db, {
      reservation: {
        status: 'cancelled',
        cancelled_at: iso(Date.parse('2025-02-20T09:30:00Z')),
        guest_language: 'de',
      },
    })
    await changeLanguage('fr')
    const { facts } = await panel()
    expect(facts['Langue du client']).toBe('allemand')
    expect(facts['Statut de la réservation']).toMatch(/^Annulée le 20 févr\. 2025/)
  })

  it('says the booking has not arrived yet rather than showing nothing', async () => {
    await addConversation(db, { withoutReservation: true, messages: [guestMessage('m', 'Hi')] })
    const { wrapper } = await panel()
    expect(wrapper.text()).toContain('Booking details have not arrived yet')
  })
})

describe("the guest's alias (rule 6)", () => {
  it('is derived from the reservation and labelled so; never a real address', () => {
    expect(guestAlias({ reservation_id: 'AB-12' })).toEqual({
      address: 'ab-12@guest.booking.com',
      derived: true,
    })
  })

  it("uses the platform's own alias when the guest participant carries one", () => {
    const participants = [
      {
        participant_id: 'g',
        metadata: { participant_type: 'guest' as const, name: 'MSilva.123@guest.booking.com' },
      },
    ]
    expect(guestAlias({ reservation_id: '1' }, participants)).toEqual({
      address: 'msilva.123@guest.booking.com',
      derived: false,
    })
  })

  it('never shows a real address a participant may carry as its name', () => {
    const participants = [
      {
        participant_id: 'g',
        metadata: { participant_type: 'guest' as const, name: 'maria@gmail.com' },
      },
    ]
    expect(guestAlias({ reservation_id: '77' }, participants)?.address).toBe('77@guest.booking.com')
    expect(guestAlias(null, participants)).toBeNull()
  })
})

describe('a self-service request', () => {
  const card = (topic: string, type = 'self_service_event') =>
    mount(SelfServiceCard, {
      props: {
        message: {
          ...guestMessage('s', 'The guest asked for something.'),
          message_type: type,
          attributes: { self_service_topic: topic },
        },
        time: { desk: '09:00', property: null, full: '', day: '2025-03-01' },
      },
      global: { plugins: [[I18NextVue, { i18next }]] },
    })

  it.each([
    ['parking', 'Guest request: Parking', false],
    ['extra_bed', 'Guest request: Extra bed', false],
    ['change_dates_nr', 'Guest request: Change of dates', true],
    ['booking_basic_waive_fee', 'Guest request: Cancel for less', true],
    ['something_new', 'Guest request: Other request', false],
  ])(
    'shows "%s" as a card, with "answer in the extranet" where the platform requires it',
    (topic, title, extranet) => {
      const wrapper = card(topic)
      expect(wrapper.get('h3').text()).toBe(title)
      expect(wrapper.find('[role="note"]').exists()).toBe(extranet)
      expect(wrapper.text()).toContain('The guest asked for something.')
    },
  )

  it('marks a booking request event', () => {
    expect(card('', 'request_to_book_event').get('h3').text()).toBe(
      'Booking request from the guest',
    )
  })
})
