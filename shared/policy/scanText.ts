// Text preparation for the detectors of rules 5 and 6: compatibility-normalise (fullwidth
// `ｅｘａｍｐｌｅ．ｃｏｍ` reads as `example.com`), treat ideographic full stops as dots and drop
// invisible characters that would split a link or address, while remembering where each
// character came from so findings point at the text as the user typed it.

const INVISIBLE = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/u
const DOTS = /^[\u3002\uff0e\uff61]$/u

export interface ScanText {
  /** The normalised text that the patterns run on. */
  text: string
  /** Maps a [start, end) range of `text` back to the original text. */
  toOriginal(start: number, end: number): { start: number; end: number }
}

export function prepareScanText(original: string): ScanText {
  let text = ''
  const starts: number[] = []
  const ends: number[] = []
  let index = 0
  for (const char of original) {
    const mapped = INVISIBLE.test(char) ? '' : DOTS.test(char) ? '.' : char.normalize('NFKC')
    for (let unit = 0; unit < mapped.length; unit += 1) {
      starts.push(index)
      ends.push(index + char.length)
    }
    text += mapped
    index += char.length
  }
  return {
    text,
    toOriginal: (start, end) => ({
      start: starts[start] ?? original.length,
      end: end > start ? (ends[end - 1] ?? original.length) : (starts[start] ?? original.length),
    }),
  }
}

/** A piece of the user's text that a detector found. */
export interface TextFinding {
  /** As the user wrote it. */
  text: string
  /** UTF-16 offsets into the original text, for highlighting. */
  start: number
  end: number
}

/** A match on the normalised text, with where it sits in both texts. */
export interface ScanMatch extends TextFinding {
  normalized: string
  normalizedStart: number
}

/** Each pattern's global form, made once: building a Unicode pattern compiles it again. */
const globalForms = new WeakMap<RegExp, RegExp>()

function globalForm(pattern: RegExp): RegExp {
  if (pattern.global) return pattern
  let form = globalForms.get(pattern)
  if (!form) {
    form = new RegExp(pattern.source, `${pattern.flags}g`)
    globalForms.set(pattern, form)
  }
  return form
}

export function findAll(scan: ScanText, original: string, pattern: RegExp): ScanMatch[] {
  // Nothing to find in no text, and the patterns (Unicode classes, any case) cost ~25 ms to
  // compile: an empty composer, on every conversation opened, never pays it (issue 11).
  if (scan.text === '') return []
  const regex = globalForm(pattern)
  const found: ScanMatch[] = []
  regex.lastIndex = 0
  try {
    for (let match = regex.exec(scan.text); match; match = regex.exec(scan.text)) {
      // An empty match would find itself forever: step over one character, as matchAll does.
      if (match[0] === '') regex.lastIndex = stepOver(scan.text, regex.lastIndex, regex.unicode)
      const { start, end } = scan.toOriginal(match.index, match.index + match[0].length)
      found.push({
        text: original.slice(start, end),
        start,
        end,
        normalized: match[0],
        normalizedStart: match.index,
      })
    }
  } finally {
    // The pattern is shared: the next caller starts at the beginning.
    regex.lastIndex = 0
  }
  return found
}

function stepOver(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  return code >= 0xd800 && code <= 0xdbff ? index + 2 : index + 1
}

/** True when two findings share any character. */
export function overlaps(a: TextFinding, b: TextFinding): boolean {
  return a.start < b.end && b.start < a.end
}
