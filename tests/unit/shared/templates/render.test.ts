import { describe, expect, it } from 'vitest'
import {
  firstNameOf,
  PLACEHOLDER_KEYS,
  renderContextFrom,
  renderTemplate,
  type PlaceholderKey,
} from '@shared/templates'
import { context, facts, LANGUAGES } from './builders'

const one = (key: PlaceholderKey, locale = 'en', ctx = context()) =>
  renderTemplate(`{{${key}}}`, ctx, locale)

describe('renderTemplate: every placeholder', () => {
  it.each<[PlaceholderKey, string]>([
    ['guest.name', 'Ana Maria Silva'],
    ['guest.firstName', 'Ana'],
    ['property.name', 'Casa Augusta'],
    ['property.address', 'Rua Augusta 24, Lisboa'],
    ['stay.checkInDate', 'Friday, March 1, 2024'],
    ['stay.checkInTime', '3:00 PM'],
    ['stay.checkOutDate', 'Monday, March 4, 2024'],
    ['stay.checkOutTime', '11:00 AM'],
    ['stay.nights', '3'],
    ['reservation.number', '4380765874'],
    ['facts.directions', 'Metro to Baixa-Chiado, then 2 minutes on foot.'],
    ['facts.parking', 'Public garage next door, 20 EUR a day.'],
    ['facts.wifiNetwork', 'Casa Augusta'],
    ['facts.wifiPassword', 'azulejo 2024'],
    ['facts.houseRules', 'No smoking. Quiet after 22:00.'],
    ['facts.contactHours', 'Every day 08:00–22:00'],
  ])('fills {{%s}}', (key, expected) => {
    const result = one(key)
    expect(result.text.replace(/\u202f/g, ' ')).toBe(expected)
    expect(result).toMatchObject({ complete: true, missing: [], errors: [] })
    expect(result.segments).toMatchObject([{ kind: 'value', key }])
  })

  it('covers the whole registry in the table above', () => {
    expect(PLACEHOLDER_KEYS.every((key) => one(key).complete)).toBe(true)
  })
})

describe('renderTemplate: every language', () => {
  // March 2024 in each language's own words, from Intl (Thai counts Buddhist years).
  it.each([
    ['en', ['March', '2024', 'Friday']],
    ['fr', ['mars', '2024', 'vendredi']],
    ['es', ['marzo', '2024', 'viernes']],
    ['pt', ['março', '2024', 'sexta-feira']],
    ['ru', ['марта', '2024', 'пятница']],
    ['th', ['มีนาคม', '2567', 'ศุกร์']],
    ['de', ['März', '2024', 'Freitag']],
    ['nl', ['maart', '2024', 'vrijdag']],
    ['pl', ['marca', '2024', 'piątek']],
    ['ar', ['مارس', 'الجمعة']],
  ])('writes the check-in date in %s', (locale, words) => {
    const { text, complete } = one('stay.checkInDate', locale)
    expect(complete).toBe(true)
    for (const word of words) expect(text).toContain(word)
  })

  it.each(LANGUAGES)('uses %s for times and counts, and its fact text where written', (locale) => {
    const { text, complete } = renderTemplate(
      '{{stay.checkInTime}}|{{stay.nights}}|{{property.address}}',
      context(),
      locale,
    )
    expect(complete).toBe(true)
    const [time, nights, address] = text.split('|')
    expect(time).toMatch(/3|15|٣|١٥/)
    expect(nights).toMatch(/^(3|٣)$/)
    expect(address).toBe(locale === 'th' ? 'ถนนออกุสตา 24 ลิสบอน' : 'Rua Augusta 24, Lisboa')
  })

  it('shows 24-hour languages the time as 15:00', () => {
    for (const locale of ['fr', 'de', 'ru', 'pl', 'nl', 'pt', 'es', 'th']) {
      expect(one('stay.checkInTime', locale).text).toBe('15:00')
    }
  })

  it('falls back to the default fact text in a language nobody wrote', () => {
    expect(one('facts.houseRules', 'ru').text).toBe('Не курить.')
    expect(one('facts.houseRules', 'pl').text).toBe('No smoking. Quiet after 22:00.')
    expect(one('facts.houseRules', 'ru-RU').text).toBe('Не курить.')
  })

  it('keeps right-to-left text intact around Arabic values', () => {
    const body = '\u200fمرحبًا {{guest.firstName}}، الطريق: {{facts.directions}}'
    const ctx = context({ guestName: 'محمد عبد الله' })
    const { text, complete } = renderTemplate(body, ctx, 'ar')
    expect(complete).toBe(true)
    expect(text).toBe('\u200fمرحبًا محمد، الطريق: خذ المترو إلى بايشا شيادو ثم امشِ دقيقتين.')
  })

  it('dates follow the property zone, not the desk', () => {
    const bangkok = context({ timeZone: 'Asia/Bangkok' })
    const newYork = context({ timeZone: 'America/New_York' })
    expect(one('stay.checkInDate', 'en', bangkok).text).toBe('Friday, March 1, 2024')
    expect(one('stay.checkInDate', 'en', newYork).text).toBe('Friday, March 1, 2024')
  })

  it('shows a check-in time inside a DST gap as the clocks will read it', () => {
    const gap = context({
      timeZone: 'America/New_York',
      checkin: '2024-03-10',
      facts: facts({ checkInFrom: '02:30' }),
    })
    expect(one('stay.checkInTime', 'de', gap).text).toBe('03:30')
  })
})

describe('renderTemplate: missing values', () => {
  const bare = renderContextFrom({
    property: { name: 'Casa Augusta', time_zone: 'Europe/Lisbon', checkout_time: null },
    facts: null,
    reservation: null,
  })

  it('reports what has no value, once each, and never leaves braces or a filled gap', () => {
    const result = renderTemplate(
      'Dear {{guest.firstName}}, parking: {{facts.parking}}. {{guest.firstName}}!',
      bare,
      'en',
    )
    expect(result.missing).toEqual(['guest.firstName', 'facts.parking'])
    expect(result.complete).toBe(false)
    expect(result.text).toBe('Dear , parking: . !')
    expect(result.segments).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'missing', key: 'guest.firstName' },
      { kind: 'text', text: ', parking: ' },
      { kind: 'missing', key: 'facts.parking' },
      { kind: 'text', text: '. ' },
      { kind: 'missing', key: 'guest.firstName' },
      { kind: 'text', text: '!' },
    ])
  })

  it.each<[string, Partial<Parameters<typeof context>[0]>, PlaceholderKey]>([
    ['a blank guest name', { guestName: '   ' }, 'guest.name'],
    ['no first name', { guestName: null }, 'guest.firstName'],
    ['no address', { facts: facts({ address: null }) }, 'property.address'],
    [
      'a blank address',
      { facts: facts({ address: { default: ' ', byLanguage: {} } }) },
      'property.address',
    ],
    ['no check-in date', { checkin: null }, 'stay.checkInDate'],
    ['an unreadable date', { checkout: '2024-02-30' }, 'stay.checkOutDate'],
    ['no check-in time', { facts: facts({ checkInFrom: null }) }, 'stay.checkInTime'],
    ['no nights without dates', { checkout: null }, 'stay.nights'],
    ['no reservation number', { reservationNumber: '' }, 'reservation.number'],
    ['no Wi-Fi', { facts: facts({ wifi: null }) }, 'facts.wifiPassword'],
    [
      'a blank Wi-Fi password',
      { facts: facts({ wifi: { network: 'x', password: ' ' } }) },
      'facts.wifiPassword',
    ],
    ['no profile at all', { facts: null }, 'facts.contactHours'],
  ])('leaves %s missing', (_label, overrides, key) => {
    expect(one(key, 'en', context(overrides))).toMatchObject({
      missing: [key],
      complete: false,
      text: '',
    })
  })

  it("uses the platform's check-out time when the profile has none, and never invents one", () => {
    const fromPlatform = context({ facts: facts({ checkOutUntil: null }) })
    expect(one('stay.checkOutTime', 'de', fromPlatform).text).toBe('12:00')
    const neither = context({ facts: facts({ checkOutUntil: null }), platformCheckoutTime: null })
    expect(one('stay.checkOutTime', 'de', neither).missing).toEqual(['stay.checkOutTime'])
  })

  it('formats times without a reservation as the wall-clock time', () => {
    expect(one('stay.checkInTime', 'de', context({ checkin: null })).text).toBe('15:00')
  })

  it('never sends broken source: errors are reported and left out of the text', () => {
    const result = renderTemplate('Hi {{guest.nme}} }} {x', context(), 'en')
    expect(result.text).toBe('Hi   x')
    expect(result.complete).toBe(false)
    expect(result.errors.map((e) => e.code)).toEqual([
      'unknownPlaceholder',
      'strayClosingBraces',
      'strayBrace',
    ])
    expect(result.segments.filter((s) => s.kind === 'invalid')).toHaveLength(3)
  })

  it('inserts values verbatim and never expands placeholders inside them', () => {
    const result = one('guest.name', 'en', context({ guestName: '{{reservation.number}}' }))
    expect(result.text).toBe('{{reservation.number}}')
    expect(result.missing).toEqual([])
  })

  it('keeps spaces inside a Wi-Fi password', () => {
    const ctx = context({ facts: facts({ wifi: { network: ' Lobby ', password: '  a b ' } }) })
    expect(renderTemplate('[{{facts.wifiNetwork}}][{{facts.wifiPassword}}]', ctx, 'en').text).toBe(
      '[ Lobby ][  a b ]',
    )
  })
})

describe('firstNameOf', () => {
  it.each([
    ['Ana Maria Silva', 'Ana'],
    ['  Jan   Kowalski ', 'Jan'],
    ['Иван Петров', 'Иван'],
    ['Анна-Мария Смирнова', 'Анна-Мария'],
    ['محمد عبد الله', 'محمد'],
    ['สมชาย ใจดี', 'สมชาย'],
    ['王小明', '王小明'],
    ['Madonna', 'Madonna'],
    ['   ', null],
    [null, null],
  ])('%s → %s', (name, expected) => {
    expect(firstNameOf(name)).toBe(expected)
  })

  it('renders a Thai first name and a Cyrillic full name', () => {
    expect(one('guest.firstName', 'th', context({ guestName: 'สมชาย ใจดี' })).text).toBe('สมชาย')
    expect(one('guest.name', 'ru', context({ guestName: 'Иван  Петров' })).text).toBe('Иван Петров')
  })
})
