import { describe, expect, it } from 'vitest'
import {
  DEFAULT_POLICY_CONFIG,
  evaluateContactDetails,
  evaluatePaymentRequests,
  findContactDetails,
  findLinks,
  findPaymentRequests,
} from '@shared/policy'
import { codes, conversation } from './builders'

const find = (text: string) => findContactDetails(text, DEFAULT_POLICY_CONFIG, '4380765874')
const emails = (text: string) => find(text).emails.map((item) => item.text)
const phones = (text: string) => find(text).phones.map((item) => item.text)

describe('e-mail addresses (rule 6)', () => {
  it.each([
    ['a plain address', 'write to john.doe@gmail.com today', ['john.doe@gmail.com']],
    ['an uppercase address', 'MAIL: RECEPTION@CASA-AZUL.PT', ['RECEPTION@CASA-AZUL.PT']],
    ['an IDN address', 'ana@correio.рф', ['ana@correio.рф']],
    ['a bracketed (at) [dot]', 'name (at) mail [dot] com', ['name (at) mail [dot] com']],
    [
      'at and dot spelled out',
      'reservations at casa-azul dot com',
      ['reservations at casa-azul dot com'],
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(emails(text)).toEqual(expected)
  })

  it.each([
    ['guest alias', 'reply to ana.4kx7@guest.booking.com'],
    ['property alias', 'we are casa.azul@partner.booking.com'],
    ['prose with "at"', 'We will be at reception.Breakfast is at 8.'],
    ['a link with user info', 'https://booking.com@evil.example/login'],
  ])('ignores the %s', (_label, text) => {
    expect(emails(text)).toEqual([])
  })
})

describe('phone numbers (rule 6)', () => {
  it.each([
    ['an international number', 'call +351 912 345 678', ['+351 912 345 678']],
    ['a 00 prefix', 'ring 0044 20 7946 0958', ['0044 20 7946 0958']],
    ['a US number', 'call (212) 555-0123', ['(212) 555-0123']],
    ['a French number in pairs', 'tel 06 12 34 56 78', ['06 12 34 56 78']],
    ['a Thai mobile', 'LINE/โทร 081-234-5678', ['081-234-5678']],
    ['a plain run of digits', 'WhatsApp 912345678', ['912345678']],
  ])('finds %s', (_label, text, expected) => {
    expect(phones(text)).toEqual(expected)
  })

  it.each([
    ['the reservation number', 'Booking 4380765874 is confirmed'],
    ['an ISO date', 'arriving 2024-03-30'],
    ['a European date', 'arriving 30.03.2024'],
    ['a date range', 'staying 30.03 - 02.04'],
    ['opening hours', 'open 10.00-12.00'],
    ['a price', 'total 1 200 000 THB'],
    ['a short code', 'door code 1234'],
  ])('ignores %s', (_label, text) => {
    expect(phones(text)).toEqual([])
  })
})

describe('contact decisions', () => {
  it('warns about contact details in a reservation conversation', () => {
    const decision = evaluateContactDetails(
      'mail me: a@b.com or +351 912 345 678',
      conversation(),
      DEFAULT_POLICY_CONFIG,
    )
    expect(decision.allowed).toBe(true)
    expect(decision.reasons.map((item) => [item.code, item.severity, item.values.count])).toEqual([
      ['emailAddress', 'warn', 1],
      ['phoneNumber', 'warn', 1],
    ])
  })

  it('blocks contact details in a request_to_book conversation', () => {
    const decision = evaluateContactDetails(
      'call +351 912 345 678',
      conversation({ conversationType: 'request_to_book' }),
      DEFAULT_POLICY_CONFIG,
    )
    expect(decision.allowed).toBe(false)
    expect(decision.reasons[0]).toMatchObject({
      code: 'contactDetailsInRequestToBook',
      rule: 6,
      values: { count: 1 },
    })
  })

  it('lets the platform alias through even in request_to_book', () => {
    const decision = evaluateContactDetails(
      'write to x@guest.booking.com',
      conversation({ conversationType: 'request_to_book' }),
      DEFAULT_POLICY_CONFIG,
    )
    expect(decision.allowed).toBe(true)
  })
})

describe('payment requests (rules 5 and 6)', () => {
  const payments = (text: string) =>
    findPaymentRequests(text, findLinks(text, { approvedLinks: [], platformLinkDomains: [] })).map(
      (item) => item.text,
    )

  it.each([
    ['English', 'Please make a bank transfer before arrival', ['bank transfer']],
    [
      'an IBAN',
      'IBAN PT50 0002 0123 1234 5678 9015 4',
      ['IBAN', 'PT50 0002 0123 1234 5678 9015 4'],
    ],
    ['a card request', 'send us your card number', ['card number']],
    [
      'a payment link',
      'pay here: https://secure-pay.example/x',
      ['pay here', 'https://secure-pay.example/x'],
    ],
    ['PayPal', 'we accept PayPal', ['PayPal']],
    ['French', 'merci de faire un virement', ['virement']],
    ['Spanish', 'le enviamos un enlace de pago', ['enlace de pago']],
    ['Portuguese', 'envie por MB WAY', ['MB WAY']],
    ['German', 'bitte per Überweisung', ['Überweisung']],
    ['Dutch', 'ik stuur een betaalverzoek', ['betaalverzoek']],
    ['Polish', 'prosimy o przelew', ['przelew']],
    ['Russian', 'пришлите номер карты', ['номер карты']],
    ['Thai', 'กรุณาโอนเงินล่วงหน้า', ['โอนเงิน']],
    ['Arabic', 'يرجى إرسال رقم البطاقة', ['رقم البطاقة']],
  ])('finds a request in %s', (_label, text, expected) => {
    expect(payments(text)).toEqual(expected)
  })

  it('finds nothing in an ordinary message about payment at the property', () => {
    expect(payments('Breakfast is included. See you on Friday!')).toEqual([])
  })

  it('warns and never blocks', () => {
    const decision = evaluatePaymentRequests('bank transfer please')
    expect(decision.allowed).toBe(true)
    expect(codes(decision)).toEqual(['paymentRequest'])
  })
})
