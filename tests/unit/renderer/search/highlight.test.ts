import { describe, expect, it } from 'vitest'
import { excerpt, highlight, termMatches } from '@/search/highlight'

const marked = (segments: { text: string; hit: boolean }[]) =>
  segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('')

describe('highlighting matches', () => {
  it('marks every word a term begins, whatever the accents or case', () => {
    expect(
      marked(highlight('Müller asked about the Parking and parked cars', ['mul', 'park'])),
    ).toBe('[Müller] asked about the [Parking] and [parked] cars')
  })

  it('matches one-letter terms as whole words only', () => {
    expect(termMatches('a', 'a')).toBe(true)
    expect(termMatches('apple', 'a')).toBe(false)
    expect(termMatches('apple', 'ap')).toBe(true)
  })

  it('marks Thai words inside a run without spaces', () => {
    expect(marked(highlight('ห้องพักสะอาด', ['ห้อง']))).toBe('[ห้อง]พักสะอาด')
  })

  it('marks Arabic written with hamza when searched without', () => {
    expect(marked(highlight('أهلاً وسهلاً', ['اهلا']))).toBe('[أهلاً] وسهلاً')
  })

  it('keeps markup as plain text segments', () => {
    const segments = highlight('<img src=x onerror=alert(1)> parking', ['park'])
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)> ', hit: false },
      { text: 'parking', hit: true },
    ])
  })

  it('shows the part of a long message around its first match', () => {
    const text = `${'lorem ipsum '.repeat(40)}where can we park the car ${'dolor sit '.repeat(40)}`
    const segments = excerpt(text, ['park'], 120)
    const shown = segments.map((s) => s.text).join('')
    expect(shown.startsWith('…')).toBe(true)
    expect(shown.endsWith('…')).toBe(true)
    expect(shown.length).toBeLessThanOrEqual(124)
    expect(segments.some((s) => s.hit && s.text === 'park')).toBe(true)
  })

  it('shows a short text whole', () => {
    expect(marked(excerpt('See you at 3', ['see'], 120))).toBe('[See] you at 3')
  })
})
