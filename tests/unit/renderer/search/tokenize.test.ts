import { describe, expect, it } from 'vitest'
import { foldWord } from '@/search/normalize'
import { queryTerms, termsOf, wordsOf } from '@/search/tokenize'

describe('folding words for search', () => {
  it('ignores case and Latin diacritics', () => {
    expect(foldWord('Müller')).toBe('muller')
    expect(foldWord('CAFÉ')).toBe('cafe')
    expect(foldWord('déjà')).toBe('deja')
    expect(foldWord('Straße')).toBe('strasse')
    expect(foldWord('Łódź')).toBe('lodz')
    expect(foldWord('habitación')).toBe('habitacion')
  })

  it('treats decomposed and composed accents alike', () => {
    expect(foldWord('cafe\u0301')).toBe(foldWord('café'))
  })

  it('folds Cyrillic case and ё', () => {
    expect(foldWord('ПАРКОВКА')).toBe('парковка')
    expect(foldWord('Ёлка')).toBe(foldWord('елка'))
  })

  it('folds Arabic hamza forms, vowel marks, tatweel, ta marbuta and alef maqsura', () => {
    expect(foldWord('أهلاً')).toBe(foldWord('اهلا'))
    expect(foldWord('إقامة')).toBe(foldWord('اقامه'))
    expect(foldWord('مَرْحَبًا')).toBe(foldWord('مرحبا'))
    expect(foldWord('شكــرا')).toBe(foldWord('شكرا'))
    expect(foldWord('على')).toBe(foldWord('علي'))
  })

  it('keeps Thai vowel and tone marks, which are letters of the word', () => {
    expect(foldWord('ที่')).toBe('ที่')
    expect(foldWord('ห้อง')).not.toBe(foldWord('หอง'))
  })
})

describe('splitting text into words', () => {
  it('splits at spaces and punctuation and keeps the offsets of the original text', () => {
    const text = 'Olá! Chegamos às 22h, ok?'
    const words = wordsOf(text)
    expect(words.map((w) => w.folded)).toEqual(['ola', 'chegamos', 'as', '22h', 'ok'])
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual([
      'Olá',
      'Chegamos',
      'às',
      '22h',
      'ok',
    ])
  })

  it('cuts Thai, written without spaces, into dictionary words', () => {
    const text = 'ห้องพักสะอาดมาก'
    const words = wordsOf(text).map((w) => text.slice(w.start, w.end))
    expect(words).toContain('ห้อง')
    expect(words.join('')).toBe(text)
    expect(words.length).toBeGreaterThan(2)
  })

  it('splits Arabic and Cyrillic at spaces', () => {
    expect(termsOf('هل يوجد موقف سيارات؟')).toEqual(['هل', 'يوجد', 'موقف', 'سيارات'])
    expect(termsOf('Есть ли парковка у отеля?')).toContain('парковка')
  })

  it('leaves out runs too long to be words (ids, base64)', () => {
    expect(termsOf(`ok ${'a'.repeat(60)} fine`)).toEqual(['ok', 'fine'])
  })

  it('makes distinct query terms, at most eight', () => {
    expect(queryTerms('Room room ROOM')).toEqual(['room'])
    expect(queryTerms('a b c d e f g h i j')).toHaveLength(8)
    expect(queryTerms('  ,;  ')).toEqual([])
  })
})
