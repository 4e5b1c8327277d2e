import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conversationSchema } from '@shared/platform'
import { metricsConversationFrom, unansweredGuestMessages } from '@shared/metrics'
import { conversation, DAY, HOUR, message, NOW } from './builders'

const iso = (instant: number) => new Date(instant).toISOString()

describe('unanswered guest messages', () => {
  it('gives the 24-hour target and the 14-day deadline at the property clock', () => {
    const at = Date.parse('2024-03-25T18:00:00.000Z') // Lisbon, the clocks go forward on the 31st
    const [waiting] = unansweredGuestMessages(
      [conversation([message('guest', at)])],
      at + HOUR,
      'Europe/Lisbon',
    )
    expect(iso(waiting!.targetAt)).toBe('2024-03-26T18:00:00.000Z')
    expect(iso(waiting!.replyDeadline)).toBe('2024-04-08T17:00:00.000Z')
  })

  it('keeps the deadline in Bangkok at 14 × 24 hours', () => {
    const at = Date.parse('2024-03-25T18:00:00.000Z')
    const [waiting] = unansweredGuestMessages(
      [conversation([message('guest', at)])],
      at,
      'Asia/Bangkok',
    )
    expect(waiting!.replyDeadline).toBe(at + 14 * DAY)
  })

  it.each([
    [DAY - 1, false],
    [DAY, false],
    [DAY + 1, true],
  ])('at %i ms after the message is overdue: %s', (elapsed, overdue) => {
    const at = NOW - 10 * DAY
    const [waiting] = unansweredGuestMessages(
      [conversation([message('guest', at)])],
      at + elapsed,
      'UTC',
    )
    expect(waiting!.overdue).toBe(overdue)
  })

  it('says when the 14-day deadline has passed', () => {
    const at = NOW - 14 * DAY
    expect(
      unansweredGuestMessages([conversation([message('guest', at)])], NOW - 1, 'UTC')[0]
        ?.deadlinePassed,
    ).toBe(false)
    expect(
      unansweredGuestMessages([conversation([message('guest', at)])], NOW, 'UTC')[0]
        ?.deadlinePassed,
    ).toBe(true)
  })

  it('lists every guest message after the last reply, most urgent first', () => {
    const first = message('guest', NOW - 3 * HOUR)
    const second = message('guest', NOW - 2 * HOUR)
    const other = message('guest', NOW - 5 * HOUR)
    const subject = [
      conversation([
        message('guest', NOW - 9 * HOUR),
        message('property', NOW - 8 * HOUR),
        first,
        second,
      ]),
      conversation([other]),
    ]
    expect(unansweredGuestMessages(subject, NOW, 'UTC').map((item) => item.messageId)).toEqual([
      other.messageId,
      first.messageId,
      second.messageId,
    ])
  })

  it('leaves out messages the desk marked no reply needed, but not ones the guest wrote afterwards', () => {
    const before = message('guest', NOW - 5 * HOUR)
    const after = message('guest', NOW - HOUR)
    const subject = conversation([before, after], { at: NOW - 3 * HOUR })
    expect(unansweredGuestMessages([subject], NOW, 'UTC').map((item) => item.messageId)).toEqual([
      after.messageId,
    ])
  })

  it('never grows when the property replies', () => {
    const ages = fc.array(fc.integer({ min: 0, max: 20 * DAY }), { maxLength: 8 })
    fc.assert(
      fc.property(ages, fc.integer({ min: 0, max: 20 * DAY }), (guestAges, replyAge) => {
        const messages = guestAges.map((age) => message('guest', NOW - age))
        const before = unansweredGuestMessages(
          [conversation(messages, null, 'c')],
          NOW,
          'Europe/Lisbon',
        )
        const after = unansweredGuestMessages(
          [conversation([...messages, message('property', NOW - replyAge)], null, 'c')],
          NOW,
          'Europe/Lisbon',
        )
        expect(after.length).toBeLessThanOrEqual(before.length)
        expect(after.every((item) => item.receivedAt >= NOW - replyAge)).toBe(true)
      }),
    )
  })
})

describe('metrics from the platform model', () => {
  it('reads messages, senders, events and the no_reply_needed tag', () => {
    const wire = {
      conversation_id: 'c-1',
      conversation_type: 'reservation',
      tags: { no_reply_needed: { set: true, set_at: '2024-06-01T10:00:00Z' } },
      messages: [
        {
          message_id: 'g1',
          content: 'Hi',
          timestamp: '2024-06-01T09:00:00Z',
          sender: { participant_id: 'g', metadata: { participant_type: 'guest' } },
          conversation: { conversation_id: 'c-1', conversation_type: 'reservation' },
        },
        {
          message_id: 'g2',
          content: '',
          timestamp: '2024-06-01T09:30:00Z',
          sender: { participant_id: 'g', metadata: { participant_type: 'guest' } },
          conversation: { conversation_id: 'c-1', conversation_type: 'reservation' },
          message_type: 'self_service_event',
          attributes: { self_service_topic: 'change_dates_nr' },
        },
        {
          message_id: 'h1',
          content: 'Hello',
          timestamp: '2024-06-01T11:00:00Z',
          sender: { participant_id: 'h', metadata: { participant_type: 'hotel' } },
          conversation: { conversation_id: 'c-1', conversation_type: 'reservation' },
        },
      ],
    }
    expect(metricsConversationFrom(conversationSchema.parse(wire))).toEqual({
      conversationId: 'c-1',
      noReplyNeeded: true,
      noReplyNeededAt: Date.parse('2024-06-01T10:00:00Z'),
      messages: [
        {
          messageId: 'g1',
          at: Date.parse('2024-06-01T09:00:00Z'),
          sender: 'guest',
          needsReply: true,
        },
        {
          messageId: 'g2',
          at: Date.parse('2024-06-01T09:30:00Z'),
          sender: 'guest',
          needsReply: false,
        },
        {
          messageId: 'h1',
          at: Date.parse('2024-06-01T11:00:00Z'),
          sender: 'property',
          needsReply: false,
        },
      ],
    })
  })
})
