import { describe, expect, it } from 'vitest'
import { messageSchema, type MessageWire } from '@shared/platform'
import { evaluateSelfService, openSelfServiceTopics } from '@shared/policy'
import { codes } from './builders'

function message(sender: 'guest' | 'hotel', minute: number, topic?: string): MessageWire {
  return {
    message_id: `m-${minute}`,
    content: '',
    timestamp: `2024-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    sender: { participant_id: sender, metadata: { participant_type: sender } },
    conversation: { conversation_id: 'c', conversation_type: 'reservation' },
    message_type: topic ? 'self_service_event' : 'free_text',
    attributes: topic ? { self_service_topic: topic } : undefined,
  }
}
const parse = (wire: MessageWire[]) => wire.map((item) => messageSchema.parse(item))

describe('self-service requests', () => {
  it('lists topics the guest raised since the property last wrote', () => {
    const messages = parse([
      message('guest', 1, 'parking'),
      message('hotel', 2),
      message('guest', 3, 'change_dates_nr'),
      message('guest', 4, 'change_dates_nr'),
      message('guest', 5, 'booking_basic_waive_fee'),
    ])
    expect(openSelfServiceTopics(messages)).toEqual(['change_dates_nr', 'booking_basic_waive_fee'])
  })

  it('marks date change and cancel-for-less as answered in the extranet, without blocking', () => {
    const decision = evaluateSelfService({
      openSelfServiceTopics: ['change_dates_nr', 'booking_basic_waive_fee', 'parking'],
    })
    expect(decision.allowed).toBe(true)
    expect(codes(decision)).toEqual(['answerInExtranetDateChange', 'answerInExtranetCancelForLess'])
    expect(decision.reasons.every((item) => item.severity === 'info')).toBe(true)
  })

  it('adds nothing for topics the desk can answer, or for odd topic names', () => {
    expect(
      evaluateSelfService({ openSelfServiceTopics: ['parking', 'constructor', '__proto__'] })
        .reasons,
    ).toEqual([])
  })
})
