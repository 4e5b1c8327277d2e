import { beforeAll, describe, expect, it } from 'vitest'
import type { ConversationRecord, MessageRecord } from '@/db'
import type { InboxRow } from '@/db/inbox-queries'
import ConversationRow from '@/features/inbox/ConversationRow.vue'
import { initI18n } from '@/i18n'
import { hostileTexts } from '../conversation/hostile-texts'
import { freshPinia, mountWith } from './helpers'

const HOUR = 3_600_000
const NOW = Date.parse('2026-03-10T09:00:00Z')
const lisbon = { timeZone: 'Europe/Lisbon', checkoutTime: '11:00' }

beforeAll(async () => {
  await initI18n('en')
})

function conversation(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    conversationId: 'c1',
    propertyId: 'p1',
    conversationType: 'reservation',
    reservationId: 'r1',
    participants: [],
    platformTags: {},
    tags: {},
    hydrated: 1,
    lastActivityAt: NOW - HOUR,
    lastMessageId: 'm1',
    lastMessagePreview: 'Can we check in early?',
    lastSender: 'guest',
    lastGuestMessageAt: NOW - HOUR,
    lastPropertyMessageAt: null,
    needsReply: 0,
    replyDeadline: null,
    replyTargetAt: null,
    unreadCount: 0,
    guestName: 'Maria Costa',
    checkin: '2026-03-10',
    checkout: '2026-03-13',
    readClosesAt: null,
    ...overrides,
  }
}

function render(
  row: Partial<InboxRow> & { conversation: ConversationRecord },
  terms: string[] = [],
) {
  return mountWith(ConversationRow, freshPinia(), {
    props: {
      conversationId: row.conversation.conversationId,
      row: { reservation: undefined, match: undefined, ...row },
      propertyName: 'Casa do Limoeiro',
      property: lisbon,
      terms,
      now: NOW,
      selected: false,
      tabbable: true,
      position: 1,
      setSize: 1,
      offset: 0,
      height: 104,
    },
  })
}

describe('a conversation row', () => {
  it('is named after the guest first, then the property, stay, stage and what is owed', () => {
    const wrapper = render({
      conversation: conversation({
        unreadCount: 2,
        needsReply: 1,
        replyTargetAt: NOW + 5 * HOUR,
        replyDeadline: NOW + 13 * 24 * HOUR,
      }),
    })
    const label = wrapper.get('li').attributes('aria-label')!
    expect(label.startsWith('Maria Costa')).toBe(true)
    expect(label).toContain('Casa do Limoeiro')
    expect(label).toContain('Arriving today')
    expect(label).toContain('2 unread messages')
    expect(label).toContain('Reply within 5 hr')
    expect(wrapper.get('.row__dates').text()).toMatch(/^Mar 10\s–\s13$/)
    expect(wrapper.find('.row__dot').exists()).toBe(true)
  })

  it('shows the time left to reply, red once the 24-hour target has passed', () => {
    const due = render({
      conversation: conversation({
        needsReply: 1,
        replyTargetAt: NOW + 3 * HOUR,
        replyDeadline: NOW + 300 * HOUR,
      }),
    })
    expect(due.get('.row__urgency').text()).toBe('Reply within 3 hr')
    expect(due.get('.row__urgency').classes()).toContain('row__urgency--soon')
    const late = render({
      conversation: conversation({
        needsReply: 1,
        replyTargetAt: NOW - 2 * HOUR,
        replyDeadline: NOW + 300 * HOUR,
      }),
    })
    expect(late.get('.row__urgency').text()).toBe('Overdue by 2 hr')
    expect(late.get('.row__urgency').classes()).toContain('row__urgency--overdue')
    const closed = render({
      conversation: conversation({
        needsReply: 1,
        replyTargetAt: NOW - 400 * HOUR,
        replyDeadline: NOW - HOUR,
      }),
    })
    expect(closed.get('.row__urgency').text()).toBe('Reply window closed')
    const none = render({ conversation: conversation() })
    expect(none.find('.row__urgency').exists()).toBe(false)
  })

  it('names the stage: request to book, cancelled, in house', () => {
    const rtb = render({ conversation: conversation({ conversationType: 'request_to_book' }) })
    expect(rtb.get('.row__stage').text()).toBe('Request to book')
    const cancelled = render({
      conversation: conversation(),
      reservation: { reservation: { status: 'cancelled' } } as InboxRow['reservation'],
    })
    expect(cancelled.get('.row__stage').text()).toBe('Cancelled')
    const inHouse = render({ conversation: conversation({ checkin: '2026-03-08' }) })
    expect(inHouse.get('.row__stage').text()).toBe('In house')
  })

  it('says when our side wrote last, and when nothing was written yet', () => {
    const ours = render({
      conversation: conversation({ lastSender: 'property', lastMessagePreview: 'See you soon' }),
    })
    expect(ours.get('.row__preview').text()).toBe('You: See you soon')
    const empty = render({
      conversation: conversation({ lastMessagePreview: '', lastMessageId: null }),
    })
    expect(empty.get('.row__preview').text()).toBe('No messages yet')
  })

  it('highlights the search terms in the name and in the matched message', () => {
    const match = {
      messageId: 'm7',
      conversationId: 'c1',
      timestamp: NOW,
      sender: 'guest',
      read: 1,
      provisional: 0,
      message: { content: 'Onde posso estacionar o carro?' },
    } as unknown as MessageRecord
    const wrapper = render({ conversation: conversation(), match }, ['estac', 'maria'])
    expect(wrapper.findAll('mark').map((m) => m.text())).toEqual(['Maria', 'estacionar'])
  })

  it.each(hostileTexts)('shows a hostile "$name" preview as inert text', ({ text }) => {
    const wrapper = render(
      {
        conversation: conversation({
          lastMessagePreview: text.slice(0, 160),
          guestName: text.slice(0, 40),
        }),
      },
      ['a'],
    )
    expect(wrapper.findAll('script, img, a, iframe, svg, math, style, table, object')).toHaveLength(
      0,
    )
    const allowed = new Set(['SPAN', 'BDI', 'MARK', 'BUTTON', 'LI'])
    for (const element of wrapper.element.querySelectorAll('*')) {
      expect(allowed.has(element.tagName)).toBe(true)
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('shows a placeholder of the same size while its row is read', () => {
    const wrapper = mountWith(ConversationRow, freshPinia(), {
      props: {
        conversationId: 'c1',
        row: undefined,
        propertyName: null,
        property: undefined,
        terms: [],
        now: NOW,
        selected: false,
        tabbable: false,
        position: 3,
        setSize: 9,
        offset: 208,
        height: 104,
      },
    })
    expect(wrapper.get('li').attributes('aria-busy')).toBe('true')
    expect(wrapper.get('li').attributes('style')).toContain('translateY(208px)')
    expect(wrapper.get('button').attributes('data-conversation-id')).toBe('c1')
  })
})
