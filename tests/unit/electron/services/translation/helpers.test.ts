import { describe, expect, it } from 'vitest'
import { splitIntoBatches } from '../../../../../electron/services/translation/batches'
import { normaliseCode, normaliseCodes } from '../../../../../electron/services/translation/codes'
import { parseRetryAfter, redact } from '../../../../../electron/services/translation/errors'

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and gives null for anything else', () => {
    expect(parseRetryAfter('30')).toBe(30_000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
  })
})

describe('redact', () => {
  it('hides every occurrence of a secret and shortens long service messages', () => {
    expect(redact('bad key abcd-1234, really abcd-1234', ['abcd-1234'])).toBe(
      'bad key [key hidden], really [key hidden]',
    )
    expect(redact('x'.repeat(500), []).length).toBeLessThanOrEqual(201)
  })
})

describe('language codes', () => {
  it('folds provider variants into ISO 639-1 codes', () => {
    expect(normaliseCode('EN-GB')).toBe('en')
    expect(normaliseCode('zh-Hans')).toBe('zh')
    expect(normaliseCode('pb')).toBe('pt')
    expect(normaliseCode('PT_br')).toBe('pt')
    expect(normaliseCode('auto!')).toBeNull()
    expect(normaliseCodes(['EN-US', 'EN-GB', 'de', '??'])).toEqual(['de', 'en'])
  })
})

describe('splitIntoBatches', () => {
  it('respects the count and byte limits and keeps the order', () => {
    const texts = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee']
    expect(splitIntoBatches(texts, { maxTexts: 2, maxBytes: 100 })).toEqual([
      ['aaaa', 'bbbb'],
      ['cccc', 'dddd'],
      ['eeee'],
    ])
    expect(splitIntoBatches(texts, { maxTexts: 10, maxBytes: 9 })).toEqual([
      ['aaaa', 'bbbb'],
      ['cccc', 'dddd'],
      ['eeee'],
    ])
  })

  it('counts bytes, not characters, and gives an oversized text a batch of its own', () => {
    expect(splitIntoBatches(['สวัสดี', 'ab'], { maxTexts: 10, maxBytes: 10 })).toEqual([
      ['สวัสดี'],
      ['ab'],
    ])
  })
})
