import { wordsOf } from './tokenize'

// Which parts of a text a search matched, as plain segments: the component renders each one
// with text interpolation (a <mark> for hits), so highlighting never builds HTML from a string.

/** Terms shorter than this match whole words only: a one-letter prefix matches everything. */
export const MIN_PREFIX_LENGTH = 2

/** The one matching rule, shared by the index and the highlighting. */
export function termMatches(word: string, term: string): boolean {
  return term.length >= MIN_PREFIX_LENGTH ? word.startsWith(term) : word === term
}

export interface TextSegment {
  text: string
  hit: boolean
}

interface Range {
  start: number
  end: number
}

function hitRanges(text: string, terms: readonly string[]): Range[] {
  if (terms.length === 0) return []
  return wordsOf(text).filter((word) => terms.some((term) => termMatches(word.folded, term)))
}

function segmentsOf(text: string, ranges: readonly Range[], from: number, to: number) {
  const segments: TextSegment[] = []
  let cursor = from
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue
    const start = Math.max(range.start, from)
    const end = Math.min(range.end, to)
    if (start > cursor) segments.push({ text: text.slice(cursor, start), hit: false })
    segments.push({ text: text.slice(start, end), hit: true })
    cursor = end
  }
  if (cursor < to) segments.push({ text: text.slice(cursor, to), hit: false })
  return segments
}

/** The whole text, split into hits and the rest. */
export function highlight(text: string, terms: readonly string[]): TextSegment[] {
  return segmentsOf(text, hitRanges(text, terms), 0, text.length)
}

/**
 * At most `length` characters of the text around its first hit (or its start), so a match deep
 * in a long message is visible in a one-line preview; cut at spaces where there are any.
 */
export function excerpt(text: string, terms: readonly string[], length = 160): TextSegment[] {
  const ranges = hitRanges(text, terms)
  if (text.length <= length) return segmentsOf(text, ranges, 0, text.length)
  const first = ranges[0]?.start ?? 0
  let from = Math.max(0, first - Math.floor(length / 4))
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < first) from = space + 1
  }
  let to = Math.min(text.length, from + length)
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > first && space > from + length / 2) to = space
  }
  const segments = segmentsOf(text, ranges, from, to)
  if (from > 0) segments.unshift({ text: '…', hit: false })
  if (to < text.length) segments.push({ text: '…', hit: false })
  return segments
}
