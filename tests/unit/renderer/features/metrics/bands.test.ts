import { describe, expect, it } from 'vitest'
import { bandOf, percent } from '@/features/metrics/bands'

describe('reply score bands', () => {
  it.each([
    [1, 'good'],
    [0.9, 'good'],
    [0.8999, 'watch'],
    [0.75, 'watch'],
    [0.7499, 'atRisk'],
    [0, 'atRisk'],
  ])('puts %f in %s', (share, band) => {
    expect(bandOf(share)).toBe(band)
  })

  it('formats the share as a whole percentage in the UI language', () => {
    expect(percent(0.1667, 'en')).toBe('17%')
    expect(percent(0.9, 'de')).toBe('90\u00a0%')
  })
})
