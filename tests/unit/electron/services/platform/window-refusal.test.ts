import { describe, expect, it } from 'vitest'
import { windowRefusalReasons } from '../../../../../electron/services/platform/preflight'
import { baseSendWindowEnd, type PolicyConversation } from '../../../../../shared/policy'

// Issue 12, long offline: a reply queued while a window was open reaches the platform after it
// shut; the platform's `send_window_closed` becomes the rule's reason with its date.

const stay: PolicyConversation = {
  conversationType: 'reservation',
  property: {
    timeZone: 'Europe/Lisbon',
    checkoutTime: '11:00',
    linksDisabled: false,
    approvedLinks: [],
  },
  reservation: {
    reference: 'r-1',
    bookedAt: Date.parse('2025-05-01T09:00:00Z'),
    checkin: '2025-06-10',
    checkout: '2025-06-12',
    cancelledAt: null,
  },
  lastGuestMessageAt: Date.parse('2025-05-20T09:00:00Z'),
  openSelfServiceTopics: [],
}

describe('windowRefusalReasons', () => {
  it('names the closed send window and when it closed', () => {
    const reasons = windowRefusalReasons(stay, ['send_window_closed'])
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'sendWindowClosed',
        severity: 'block',
        values: expect.objectContaining({ until: baseSendWindowEnd(stay) }),
      }),
    ])
  })

  it('names a window not open yet from the booking', () => {
    expect(windowRefusalReasons(stay, ['send_window_not_open'])).toEqual([
      expect.objectContaining({
        code: 'sendWindowNotOpen',
        values: expect.objectContaining({ from: stay.reservation!.bookedAt }),
      }),
    ])
  })

  it('leaves any other refusal alone', () => {
    expect(windowRefusalReasons(stay, ['links_disabled'])).toBeNull()
    expect(windowRefusalReasons(stay, [])).toBeNull()
  })
})
