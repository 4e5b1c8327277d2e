import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { propertySchema, reservationSchema } from '@shared/platform'
import { evaluateSend, policyConversationFrom, REASON_CODES, reasonKey } from '@shared/policy'
import { at, codes, conversation, iso } from './builders'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const during = at('2024-03-04T12:00:00.000Z')

describe('evaluateSend', () => {
  it('allows an ordinary reply and says until when', () => {
    const decision = evaluateSend(conversation(), { text: 'See you tomorrow!' }, during)
    expect(decision.allowed).toBe(true)
    expect(codes(decision)).toEqual(['sendWindowOpenUntil'])
    expect(decision.instants).toEqual({
      checkoutAt: at('2024-03-05T11:00:00.000Z'),
      sendWindowOpensAt: at('2024-01-10T09:00:00.000Z'),
      sendWindowClosesAt: at('2024-03-12T11:00:00.000Z'),
      replyWindowClosesAt: null,
      readWindowClosesAt: at('2025-03-05T11:00:00.000Z'),
    })
  })

  it('gives every reason, blocking ones first', () => {
    const subject = conversation({
      conversationType: 'request_to_book',
      property: { linksDisabled: true },
      openSelfServiceTopics: ['change_dates_nr'],
    })
    const draft = {
      text: '  ',
      attachments: [{ fileName: 'map.png', bytes: PNG }],
    }
    const decision = evaluateSend(subject, draft, at('2024-04-01T00:00:00.000Z'))
    expect(decision.allowed).toBe(false)
    expect(codes(decision)).toEqual([
      'sendWindowClosed',
      'textEmpty',
      'attachmentsInRequestToBook',
      'attachmentWithoutText',
      'answerInExtranetDateChange',
    ])
  })

  it('orders blocks before warnings before notes', () => {
    const decision = evaluateSend(
      conversation({ conversationType: 'request_to_book' }),
      { text: 'Pay by bank transfer at evil-pay.com or call +351 912 345 678' },
      during,
    )
    expect(decision.reasons.map((item) => item.severity)).toEqual(['block', 'warn', 'warn', 'info'])
    expect(codes(decision)).toEqual([
      'contactDetailsInRequestToBook',
      'linkWillBeRemoved',
      'paymentRequest',
      'sendWindowOpenUntil',
    ])
  })

  it('blocks an expired conversation', () => {
    const decision = evaluateSend(conversation(), { text: 'Hello' }, at('2025-03-05T11:00:00.000Z'))
    expect(codes(decision)).toEqual(['conversationExpired', 'sendWindowClosed'])
  })

  it('takes a configured text limit', () => {
    expect(
      evaluateSend(conversation(), { text: 'Hello' }, during, { maxTextLength: 3 }).allowed,
    ).toBe(false)
  })

  it('does not count an e-mail address domain as a link too', () => {
    const decision = evaluateSend(conversation(), { text: 'write to a@casa-azul.pt' }, during)
    expect(decision.links).toEqual([])
    expect(codes(decision)).toEqual(['emailAddress', 'sendWindowOpenUntil'])
  })

  it('returns plain data that survives structured cloning and JSON', () => {
    const decision = evaluateSend(
      conversation(),
      { text: 'www.example.com', attachments: [{ fileName: 'a.png', bytes: PNG }] },
      during,
    )
    expect(structuredClone(decision)).toEqual(decision)
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision)
  })
})

describe('reason keys', () => {
  it('maps every reason code to a policy namespace key', () => {
    for (const code of REASON_CODES) expect(reasonKey(code)).toBe(`policy:reasons.${code}`)
  })
})

describe('policyConversationFrom', () => {
  it('builds the policy input from platform objects', () => {
    const property = propertySchema.parse({
      property_id: 'p',
      name: 'Casa',
      time_zone: 'Asia/Bangkok',
      links_disabled: true,
    })
    const reservation = reservationSchema.parse({
      reservation_id: 438,
      conversation_id: 'c',
      guest_name: 'Ana',
      booked_at: '2024-01-10T09:00:00Z',
      checkin: '2024-03-01',
      checkout: '2024-03-05',
      status: 'cancelled',
      cancelled_at: '2024-02-01T00:00:00Z',
    })
    const subject = policyConversationFrom({ property, reservation, messages: [] })
    expect(subject).toEqual({
      conversationType: 'reservation',
      property: {
        timeZone: 'Asia/Bangkok',
        checkoutTime: null,
        linksDisabled: true,
        approvedLinks: [],
      },
      reservation: {
        reference: '438',
        bookedAt: at('2024-01-10T09:00:00Z'),
        checkin: '2024-03-01',
        checkout: '2024-03-05',
        cancelledAt: at('2024-02-01T00:00:00Z'),
      },
      lastGuestMessageAt: null,
      openSelfServiceTopics: [],
    })
    expect(iso(evaluateSend(subject, { text: 'x' }, 0).instants.sendWindowClosesAt)).toBe(
      '2024-02-08T00:00:00.000Z',
    )
  })
})

describe('evaluateSend on any text', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          'www.',
          'http://',
          'Ｅ',
          '．',
          '。',
          '\u200b',
          '@',
          ' at ',
          ' dot ',
          'com',
          '+',
          '0',
          '9',
          ' ',
          '-',
          '(',
          'xn--',
          'ü',
          '.',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join('')),
  )

  it('never throws and every finding points at the text it quotes', () => {
    fc.assert(
      fc.property(text, (draftText) => {
        const decision = evaluateSend(conversation(), { text: draftText }, during)
        const findings = [
          ...decision.links,
          ...decision.contacts.emails,
          ...decision.contacts.phones,
          ...decision.payments,
        ]
        for (const finding of findings)
          expect(draftText.slice(finding.start, finding.end)).toBe(finding.text)
        expect(decision.allowed).toBe(decision.reasons.every((item) => item.severity !== 'block'))
      }),
      { numRuns: 1000 },
    )
  })
})
