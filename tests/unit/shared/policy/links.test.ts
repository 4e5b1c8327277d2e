import { describe, expect, it } from 'vitest'
import {
  evaluateLinks,
  findLinks,
  isApprovedLink,
  punycodeEncode,
  toAsciiHost,
} from '@shared/policy'
import { codes } from './builders'

const none = { approvedLinks: [], platformLinkDomains: ['booking.com'] }
const texts = (text: string, config = none) => findLinks(text, config).map((link) => link.text)

describe('finding links (rule 5)', () => {
  it.each([
    ['a scheme URL', 'See https://example.com/a?b=1 please', ['https://example.com/a?b=1']],
    ['an uppercase scheme', 'Go to HTTPS://EXAMPLE.COM now', ['HTTPS://EXAMPLE.COM']],
    ['a mixed-case scheme and host', 'hTtP://ExAmPlE.cOm/Pay', ['hTtP://ExAmPlE.cOm/Pay']],
    ['an unusual scheme', 'hxxp://bad.example/login', ['hxxp://bad.example/login']],
    ['backslashes after the scheme', 'http:\\\\bad.example', ['http:\\\\bad.example']],
    ['a www host', 'visit www.casa-azul.pt.', ['www.casa-azul.pt']],
    ['a plain domain', 'book at casa-azul.pt for less', ['casa-azul.pt']],
    ['a plain domain with a path', 'casa-azul.com/deal, thanks', ['casa-azul.com/deal']],
    ['an uppercase plain domain', 'WRITE TO EVIL-PAY.COM', ['EVIL-PAY.COM']],
    ['a country second-level domain', 'see hotel.co.uk', ['hotel.co.uk']],
    ['an IDN host', 'see bücher.de', ['bücher.de']],
    ['a Cyrillic IDN host', 'сайт пример.рф', ['пример.рф']],
    ['a punycode host', 'see xn--80ak6aa92e.com now', ['xn--80ak6aa92e.com']],
    ['fullwidth characters', 'ｅｖｉｌ．ｃｏｍ', ['ｅｖｉｌ．ｃｏｍ']],
    ['an ideographic full stop', 'evil。com', ['evil。com']],
    ['a zero-width space inside', 'ev\u200bil.com', ['ev\u200bil.com']],
    ['a link in parentheses', '(see https://example.com/x)', ['https://example.com/x']],
    ['a host with a port', 'at evil.com:8080/login', ['evil.com:8080/login']],
  ])('finds %s', (_label, text, expected) => {
    expect(texts(text)).toEqual(expected)
  })

  it.each([
    ['prose without a space after the full stop', 'I am here.It was great. Room.No problem.'],
    ['times and prices', 'Breakfast 7.30-10.30, 12.50 EUR'],
    ['abbreviations', 'e.g. Mr.Smith, St.Petersburg'],
    ['the platform named in passing', 'Your Booking.com reservation is confirmed'],
    ['Thai text', 'ขอบคุณที่จองกับเรา'],
  ])('finds nothing in %s', (_label, text) => {
    expect(texts(text)).toEqual([])
  })

  it('reads the host after user info, where the browser would go', () => {
    const [link] = findLinks('https://booking.com@evil.example/login', none)
    expect(link).toMatchObject({ host: 'evil.example', approved: false })
  })

  it('points at the characters the user typed', () => {
    const text = 'Ａ ｅｖｉｌ．ｃｏｍ!'
    const [link] = findLinks(text, none)
    expect(text.slice(link!.start, link!.end)).toBe('ｅｖｉｌ．ｃｏｍ')
  })
})

describe('approved links', () => {
  const approved = ['https://casa-azul.example/menu', 'bücher.de', 'www.lisbon-tours.example']

  it.each([
    ['https://casa-azul.example/menu', true],
    ['HTTPS://CASA-AZUL.EXAMPLE/menu/today', true],
    ['https://casa-azul.example/menu?day=1', true],
    ['https://casa-azul.example/menus', false],
    ['https://casa-azul.example/', false],
    ['https://casa-azul.example.evil.com/menu', false],
    ['xn--bcher-kva.de/anything', true],
    ['https://lisbon-tours.example', true],
    ['https://casa-azul.example@evil.com/menu', false],
  ])('%s is approved: %s', (link, expected) => {
    expect(isApprovedLink(link, approved)).toBe(expected)
  })

  it("treats the platform's own site as never stripped", () => {
    const [link] = findLinks('https://secure.booking.com/help', none)
    expect(link?.approved).toBe(true)
  })
})

describe('link decisions', () => {
  const property = { linksDisabled: false, approvedLinks: ['casa-azul.pt'] }
  const config = { platformLinkDomains: ['booking.com'] }

  it('flags unapproved links as removed by the platform and still allows the send', () => {
    const decision = evaluateLinks('Menu casa-azul.pt, tours at tours-lisboa.com', property, config)
    expect(decision.allowed).toBe(true)
    expect(decision.reasons).toEqual([
      expect.objectContaining({
        code: 'linkWillBeRemoved',
        severity: 'warn',
        rule: 5,
        values: { count: 1, matches: ['tours-lisboa.com'] },
      }),
    ])
  })

  it('blocks any link, approved or not, when links are switched off', () => {
    const decision = evaluateLinks(
      'Menu casa-azul.pt',
      { ...property, linksDisabled: true },
      config,
    )
    expect(decision.allowed).toBe(false)
    expect(codes(decision)).toEqual(['linksDisabled'])
  })

  it('does not block text without links when links are switched off', () => {
    expect(
      evaluateLinks('See you at 3 pm.', { ...property, linksDisabled: true }, config).allowed,
    ).toBe(true)
  })
})

describe('IDN hosts', () => {
  it.each([
    ['bücher', 'bcher-kva'],
    ['münchen', 'mnchen-3ya'],
    ['пример', 'e1afmkfd'],
    ['例え', 'r8jz45g'],
  ])('encodes %s as %s', (label, expected) => {
    expect(punycodeEncode(label)).toBe(expected)
  })

  it('compares hosts in one form', () => {
    expect(toAsciiHost('BÜCHER.de')).toBe('xn--bcher-kva.de')
    expect(toAsciiHost('bu\u0308cher.de')).toBe('xn--bcher-kva.de')
  })
})
