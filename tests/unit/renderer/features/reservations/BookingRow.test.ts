import { mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { beforeAll, describe, expect, it } from 'vitest'
import BookingRow from '@/features/reservations/BookingRow.vue'
import { formatCalendarDate } from '@/features/reservations/calendarDates'
import { i18next, initI18n } from '@/i18n'
import type { BookingView } from '@/stores/reservations'
import { reason } from '@shared/policy'

beforeAll(async () => {
  await initI18n('en')
})

const until = Date.parse('2025-03-10T11:00:00Z')
const booking = (overrides: Partial<BookingView> = {}): BookingView => ({
  reservationId: '4704098470',
  conversationId: 'c-1',
  guestName: 'Lucía García',
  guestLanguage: 'es',
  checkin: '2025-03-01',
  checkout: '2025-03-04',
  nights: 3,
  stage: 'arrivingToday',
  sendWindow: {
    allowed: true,
    reasons: [reason('sendWindowOpenUntil', { until })],
    opensAt: 0,
    closesAt: until,
    baseClosesAt: until,
    replyClosesAt: null,
  },
  unreadCount: 0,
  needsReply: false,
  hasMessages: true,
  ...overrides,
})
const closed = {
  allowed: false,
  reasons: [reason('sendWindowClosed', { until })],
  opensAt: 0,
  closesAt: until,
  baseClosesAt: until,
  replyClosesAt: null,
}

function render(props: Partial<InstanceType<typeof BookingRow>['$props']> = {}) {
  return mount(BookingRow, {
    props: {
      booking: booking(),
      timeZone: 'Europe/Lisbon',
      today: '2025-03-01',
      opening: false,
      error: null,
      ...props,
    },
    global: { plugins: [[I18NextVue, { i18next }]] },
  })
}

describe('a booking in the reservations view', () => {
  it('shows the guest, the stay and until when the guest can be messaged', () => {
    const text = render().text()
    expect(text).toContain('Lucía García')
    expect(text).toContain('Arriving today')
    expect(text).toContain('Sat, Mar 1 to Tue, Mar 4')
    expect(text).toContain('3 nights')
    expect(text).toContain('Booking 4704098470')
    expect(text).toContain('Speaks Spanish')
    expect(text).toContain('You can message this guest until Mar 10, 2025, 11:00 AM.')
  })

  it('offers to open the conversation and says so when clicked', async () => {
    const wrapper = render()
    const button = wrapper.get('button')
    expect(button.text()).toBe('Open conversation')
    await button.trigger('click')
    expect(wrapper.emitted('open')).toHaveLength(1)
  })

  it('offers to start the conversation when nobody has written yet', () => {
    expect(
      render({ booking: booking({ hasMessages: false }) })
        .get('button')
        .text(),
    ).toBe('Start conversation')
  })

  it('shows why a booking cannot be messaged, with no button', () => {
    const wrapper = render({ booking: booking({ stage: 'departed', sendWindow: closed }) })
    expect(wrapper.find('button').exists()).toBe(false)
    expect(wrapper.text()).toContain('The messaging window closed on Mar 10, 2025, 11:00 AM.')
  })

  it('reads the window on the property clock', () => {
    const text = render({ timeZone: 'Asia/Bangkok' }).text()
    expect(text).toContain('until Mar 10, 2025, 6:00 PM.')
  })

  it('shows a failed open as an alert', () => {
    const wrapper = render({ error: { code: 'offline', message: 'down' } })
    expect(wrapper.get('[role="alert"]').text()).toBe(
      "The booking platform can't be reached. Check the internet connection.",
    )
  })

  it('is busy while opening', () => {
    const button = render({ opening: true }).get('button')
    expect(button.text()).toBe('Opening…')
    expect(button.attributes('disabled')).toBeDefined()
  })

  it("shows the guest's name as inert text, without bidi overrides", () => {
    const wrapper = render({
      booking: booking({ guestName: '<img src=x onerror=alert(1)>\u202Eevil' }),
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('h3').text()).toBe('<img src=x onerror=alert(1)>evil')
  })

  it('names unread messages and an owed reply', () => {
    expect(render({ booking: booking({ unreadCount: 2 }) }).text()).toContain('2 unread messages')
    expect(render({ booking: booking({ unreadCount: 2, needsReply: true }) }).text()).toContain(
      'Needs reply',
    )
  })
})

describe('calendar dates', () => {
  it('never move to another day whatever the zone', () => {
    expect(formatCalendarDate('2025-03-01', 'en')).toBe('Sat, Mar 1')
    expect(formatCalendarDate('2025-12-31', 'en', { withYear: true })).toBe('Wed, Dec 31, 2025')
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date')
  })
})
