import { describe, expect, it } from 'vitest'
import { messageSchema, participantTypeSchema } from '@shared/platform'
import { guestMessage } from './fixtures'

describe('participant types', () => {
  it.each([
    ['guest', 'guest'],
    ['property', 'property'],
    ['hotel', 'property'],
    ['HOTEL', 'property'],
    ['Guest', 'guest'],
  ])('reads %s as %s', (wire, expected) => {
    expect(participantTypeSchema.parse(wire)).toBe(expected)
  })

  it.each(['staff', '', 'hotels'])('refuses %j', (wire) => {
    expect(participantTypeSchema.safeParse(wire).success).toBe(false)
  })
})

describe('message schema', () => {
  it('reads a version 1.0 message without message_type or attributes', () => {
    const message = messageSchema.parse(guestMessage())
    expect(message.message_type).toBeUndefined()
    expect(message.attributes).toBeUndefined()
    expect(message.sender.metadata.participant_type).toBe('guest')
  })

  it('reads a version 1.2 self-service message and keeps unknown attribute keys', () => {
    const message = messageSchema.parse(
      guestMessage({
        message_type: 'self_service_event',
        attributes: { self_service_topic: 'change_dates_nr', status: 'pending' },
      }),
    )
    expect(message.message_type).toBe('self_service_event')
    expect(message.attributes?.self_service_topic).toBe('change_dates_nr')
    expect(message.attributes?.['status']).toBe('pending')
  })

  it('accepts a message type the platform adds later', () => {
    expect(messageSchema.parse(guestMessage({ message_type: 'voice_note' })).message_type).toBe(
      'voice_note',
    )
  })

  it('normalises a +00:00 timestamp to UTC with milliseconds', () => {
    const message = messageSchema.parse(guestMessage({ timestamp: '2020-08-17T16:54:19+00:00' }))
    expect(message.timestamp).toBe('2020-08-17T16:54:19.000Z')
  })

  it('converts an offset timestamp to the same instant in UTC', () => {
    const message = messageSchema.parse(
      guestMessage({ timestamp: '2020-08-17T18:54:19.270+02:00' }),
    )
    expect(message.timestamp).toBe('2020-08-17T16:54:19.270Z')
  })

  it('reads a numeric conversation reference as a string', () => {
    const wire = guestMessage()
    const message = messageSchema.parse({
      ...wire,
      conversation: { ...wire.conversation, conversation_reference: 4380765874 },
    })
    expect(message.conversation.conversation_reference).toBe('4380765874')
  })

  it('treats null content as empty text', () => {
    expect(messageSchema.parse(guestMessage({ content: null })).content).toBe('')
  })

  it.each([
    ['a timestamp without zone', { timestamp: '2020-08-17T16:54:19' }],
    ['a date as timestamp', { timestamp: '2020-08-17' }],
    ['an empty message id', { message_id: '' }],
    [
      'an unknown conversation type',
      { conversation: { conversation_id: 'c', conversation_type: 'group' } },
    ],
  ])('refuses %s', (_label, overrides) => {
    expect(messageSchema.safeParse({ ...guestMessage(), ...overrides }).success).toBe(false)
  })
})
