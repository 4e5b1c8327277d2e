import { describe, expect, it } from 'vitest'
import { detectLanguage, detectableLanguages } from '../../../../shared/language/detect'
import { uiLanguages } from '../../../../shared/i18n/languages'
import { detectionCorpus } from './corpus'

interface Tally {
  hits: number
  total: number
  misses: string[]
}

function percent({ hits, total }: Tally): number {
  return Math.round((hits / total) * 1000) / 10
}

function measure(): { perLanguage: Map<string, Tally>; short: Tally; long: Tally; overall: Tally } {
  const perLanguage = new Map<string, Tally>()
  const short: Tally = { hits: 0, total: 0, misses: [] }
  const long: Tally = { hits: 0, total: 0, misses: [] }
  const overall: Tally = { hits: 0, total: 0, misses: [] }
  for (const language of uiLanguages) {
    const tally: Tally = { hits: 0, total: 0, misses: [] }
    const entry = detectionCorpus[language]
    for (const [kind, texts] of [
      [short, entry.short],
      [long, entry.long],
    ] as const) {
      for (const text of texts) {
        const detected = detectLanguage(text).language
        const hit = detected === language ? 1 : 0
        for (const counter of [tally, kind, overall]) {
          counter.hits += hit
          counter.total += 1
        }
        if (!hit) tally.misses.push(`${detected ?? 'null'} ← ${text}`)
      }
    }
    perLanguage.set(language, tally)
  }
  return { perLanguage, short, long, overall }
}

describe('detectLanguage accuracy on guest-style messages', () => {
  const { perLanguage, short, long, overall } = measure()
  const lines = [...perLanguage].map(
    ([language, tally]) =>
      `  ${language}: ${percent(tally)}% (${tally.hits}/${tally.total})` +
      tally.misses.map((miss) => `\n      miss: ${miss}`).join(''),
  )
  console.warn(
    [
      `Language detection: overall ${percent(overall)}% (${overall.hits}/${overall.total}),` +
        ` short ${percent(short)}%, long ${percent(long)}%`,
      ...lines,
    ].join('\n'),
  )

  it('has at least twenty messages, short and long, for each UI language', () => {
    for (const language of uiLanguages) {
      const entry = detectionCorpus[language]
      expect(entry.short.length + entry.long.length).toBeGreaterThanOrEqual(20)
      expect(entry.short.length).toBeGreaterThanOrEqual(5)
      expect(entry.long.length).toBeGreaterThanOrEqual(5)
    }
  })

  it('recognises at least 90% of all messages', () => {
    expect(percent(overall)).toBeGreaterThanOrEqual(90)
  })

  it.each([...uiLanguages])('recognises at least 80%% of the %s messages', (language) => {
    expect(percent(perLanguage.get(language)!)).toBeGreaterThanOrEqual(80)
  })
})

describe('detectLanguage on messages that say nothing about a language', () => {
  it.each([
    'OK',
    'ok!',
    'Okay',
    '👍',
    '👍🙏❤️',
    '12345678',
    'Booking 4839201',
    '#4839201 / 2 + 1 ✔️',
    'Room 214',
    '',
    '   ',
    '???',
    'https://maps.example.com/place/123',
    'guest.4821@guest.booking.com',
    'Wifi?',
    'Check-in?',
    'Hi',
  ])('answers null for %j', (text) => {
    expect(detectLanguage(text)).toEqual({ language: null, confidence: 0 })
  })
})

describe('detectLanguage by script', () => {
  it.each([
    ['ขอบคุณค่ะ', 'th'],
    ['شكرا', 'ar'],
    ['Спасибо', 'ru'],
    ['Дякую, ми приїдемо ввечері', 'uk'],
    ['감사합니다', 'ko'],
    ['ありがとうございます', 'ja'],
    ['朝食は何時からですか？', 'ja'],
    ['请问早餐几点开始？', 'zh'],
    ['תודה רבה', 'he'],
    ['Ευχαριστώ πολύ', 'el'],
    ['مرسی، ساعت چند صبحانه است؟', 'fa'],
  ])('recognises %j as %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language)
  })

  it('follows the script with the most letters in a mixed message', () => {
    expect(detectLanguage('Hotel Sukhumvit: เราจะไปถึงดึกหน่อยนะคะ ขอบคุณค่ะ').language).toBe('th')
  })

  it('ignores the English hotel words other languages borrow', () => {
    expect(detectLanguage('¿A qué hora es el check-in?').language).toBe('es')
    expect(detectLanguage('Gibt es WiFi und Parking am Hotel?').language).toBe('de')
  })
})

describe('detectLanguage confidence', () => {
  it('is higher for a long message than for a short one in the same language', () => {
    const short = detectLanguage('Vielen Dank für alles!')
    const long = detectLanguage(detectionCorpus.de.long[2]!)
    expect(short.language).toBe('de')
    expect(long.language).toBe('de')
    expect(long.confidence).toBeGreaterThan(short.confidence)
    expect(long.confidence).toBeLessThanOrEqual(1)
  })

  it('stays within 0 and 1 and never names a language outside the candidates', () => {
    for (const entry of Object.values(detectionCorpus)) {
      for (const text of [...entry.short, ...entry.long]) {
        const { language, confidence } = detectLanguage(text)
        expect(confidence).toBeGreaterThanOrEqual(0)
        expect(confidence).toBeLessThanOrEqual(1)
        if (language !== null) expect(detectableLanguages).toContain(language)
      }
    }
  })

  it('answers a Latin-script message only with a likely guest language', () => {
    // Swedish is not a candidate: the answer is a candidate or null, never "sv".
    const { language } = detectLanguage('Hej, vi kommer sent ikväll, är receptionen öppen?')
    expect(language === null || detectableLanguages.includes(language)).toBe(true)
  })
})
