import { foldWord } from './normalize'

// Words of a text with their places in it, for the index (the folded form) and for
// highlighting (the offsets into the original). Letters and digits are split at anything
// else; runs in scripts written without spaces between words (Thai, Lao, Khmer, Myanmar,
// Chinese, Japanese) are cut by the browser's dictionary word segmenter.

export interface Word {
  /** Offsets into the original text, end exclusive. */
  start: number
  end: number
  /** The folded form (normalize.ts). */
  folded: string
}

/** Longer runs are ids, keys or base64, not words anyone searches for. */
export const MAX_WORD_LENGTH = 40

const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu
const UNSPACED_SCRIPT =
  /[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u

let segmenter: Intl.Segmenter | null = null

function wordSegmenter(): Intl.Segmenter {
  // One instance: creating a segmenter loads ICU's dictionaries.
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
  return segmenter
}

export function wordsOf(text: string): Word[] {
  const words: Word[] = []
  for (const match of text.matchAll(WORD_RUN)) {
    const run = match[0]
    const offset = match.index
    if (!UNSPACED_SCRIPT.test(run)) {
      push(words, run, offset)
      continue
    }
    for (const segment of wordSegmenter().segment(run)) {
      if (segment.isWordLike) push(words, segment.segment, offset + segment.index)
    }
  }
  return words
}

function push(words: Word[], raw: string, start: number): void {
  if (raw.length > MAX_WORD_LENGTH) return
  const folded = foldWord(raw)
  if (folded.length > 0) words.push({ start, end: start + raw.length, folded })
}

/** The distinct folded words of a text, for the index (no offsets: the fast path). */
export function termsOf(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const terms = new Set<string>()
  WORD_RUN.lastIndex = 0
  for (let match = WORD_RUN.exec(text); match !== null; match = WORD_RUN.exec(text)) {
    const run = match[0]
    if (!UNSPACED_SCRIPT.test(run)) {
      if (run.length <= MAX_WORD_LENGTH) terms.add(foldWord(run))
    } else {
      for (const segment of wordSegmenter().segment(run)) {
        if (segment.isWordLike && segment.segment.length <= MAX_WORD_LENGTH) {
          terms.add(foldWord(segment.segment))
        }
      }
    }
    if (terms.size >= limit) break
  }
  terms.delete('')
  return [...terms]
}

/** The terms of what was typed into the search box, in order, without repeats. */
export function queryTerms(query: string): string[] {
  return termsOf(query.slice(0, 200)).slice(0, MAX_QUERY_TERMS)
}

/** More terms than this add nothing but work; the mask of matched terms is a 32-bit integer. */
export const MAX_QUERY_TERMS = 8
