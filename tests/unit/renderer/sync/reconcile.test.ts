import { describe, expect, it } from 'vitest'
import type { OutboxRecord } from '@/db'
import { comparableText, findLandedMessage } from '@/sync/reconcile'
import { message, T0 } from '../db/builders'

const record = (content: string, attachments = 0): OutboxRecord => ({
  id: 'r1',
  seq: 1,
  propertyId: 'p1',
  conversationId: 'c1',
  action: {
    kind: 'send',
    content,
    attachments: Array.from({ length: attachments }, (_, i) => ({
      fileName: `${i}.jpg`,
      fileType: 'image/jpeg',
      bytes: new Uint8Array(1),
      attachmentId: `a${i}`,
    })),
  },
  state: 'unknown',
  attempts: 1,
  createdAt: T0,
  updatedAt: T0,
  nextAttemptAt: T0,
  lastError: null,
  failure: null,
  messageId: null,
  sentAt: null,
})

const property = (id: string, content: string, at: number, attachmentIds: string[] = []) =>
  message({
    id,
    conversationId: 'c1',
    propertyId: 'p1',
    from: 'property',
    content,
    at,
    attachmentIds,
  })

describe('reconciling an unknown outcome', () => {
  it('takes a property message with the same text after the record was made as the one sent', () => {
    const landed = property('m1', 'Room 12 is ready', T0 + 500)
    expect(findLandedMessage(record('Room 12 is ready'), [landed], new Set())).toBe(landed)
  })

  it('accepts the platform clock running a little behind, not an old message', () => {
    const m = (at: number) => [property('m', 'hi', at)]
    expect(findLandedMessage(record('hi'), m(T0 - 60_000), new Set())).toBeDefined()
    expect(findLandedMessage(record('hi'), m(T0 - 2 * 60_000 - 1), new Set())).toBeUndefined()
  })

  it('ignores guest messages, other texts, messages other records own, and a different number of photos', () => {
    const guest = message({
      id: 'g',
      conversationId: 'c1',
      from: 'guest',
      content: 'hi',
      at: T0 + 1,
    })
    expect(findLandedMessage(record('hi'), [guest], new Set())).toBeUndefined()
    expect(
      findLandedMessage(record('hi'), [property('m', 'hello', T0 + 1)], new Set()),
    ).toBeUndefined()
    expect(
      findLandedMessage(record('hi'), [property('m', 'hi', T0 + 1)], new Set(['m'])),
    ).toBeUndefined()
    expect(
      findLandedMessage(record('hi', 1), [property('m', 'hi', T0 + 1)], new Set()),
    ).toBeUndefined()
    expect(
      findLandedMessage(record('hi', 1), [property('m', 'hi', T0 + 1, ['x'])], new Set()),
    ).toBeDefined()
  })

  it('compares text as the platform may return it: trimmed, in composed form', () => {
    expect(
      findLandedMessage(record(' Olá '), [property('m', 'Ola\u0301', T0 + 1)], new Set()),
    ).toBeDefined()
  })

  it('takes the earliest candidate when several match', () => {
    const later = property('m2', 'ok', T0 + 20)
    const earlier = property('m1', 'ok', T0 + 10)
    expect(findLandedMessage(record('ok'), [later, earlier], new Set())?.message_id).toBe('m1')
  })
})

describe('reconciliation when the platform stripped a link (rule 5)', () => {
  it('still recognises the landed message, so nothing is sent twice', () => {
    const sent = record('Your room code is on https://my-hotel.example/code — see you at 15:00!')
    const stored = property('m9', 'Your room code is on  — see you at 15:00!', T0 + 1_000)
    expect(findLandedMessage(sent, [stored], new Set())?.message_id).toBe('m9')
  })

  it('does not mistake a different text for it', () => {
    const sent = record('Parking is at https://my-hotel.example/parking, level -1.')
    const other = property('m10', 'Parking is full today.', T0 + 1_000)
    expect(findLandedMessage(sent, [other], new Set())).toBeUndefined()
  })

  it('folds whitespace and Unicode normalisation on both sides', () => {
    expect(comparableText('Caf\u0065\u0301  au   lait\n')).toBe(comparableText('Café au lait'))
  })
})
