import type { ReplyScore } from '@shared/metrics'

// Colour bands of the reply score [ours]: 90 % and above is good, 75–89 % needs watching,
// below 75 % is at risk. Colour is never the only signal: the figure and the band's word
// are always shown with it.

export type ScoreBand = 'good' | 'watch' | 'atRisk'

export const GOOD_FROM = 0.9
export const WATCH_FROM = 0.75

export function bandOf(score: number): ScoreBand {
  if (score >= GOOD_FROM) return 'good'
  if (score >= WATCH_FROM) return 'watch'
  return 'atRisk'
}

const formats = new Map<string, Intl.NumberFormat>()

/** A share as a whole percentage in the UI language ("92 %", "٩٢٪"). */
export function percent(share: number, locale: string): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    formats.set(locale, format)
  }
  return format.format(share)
}

/** The score's figure, or null while there are not enough messages. */
export function readyShare(score: ReplyScore | null | undefined): number | null {
  return score?.status === 'ready' ? score.score : null
}
