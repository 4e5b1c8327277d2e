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

export function findAll(scan: ScanText, original: string, pattern: RegExp): ScanMatch[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`
  const found: ScanMatch[] = []
  for (const match of scan.text.matchAll(new RegExp(pattern.source, flags))) {
    const { start, end } = scan.toOriginal(match.index, match.index + match[0].length)
    found.push({
      text: original.slice(start, end),
      start,
      end,
      normalized: match[0],
      normalizedStart: match.index,
    })
  }
  return found
}

/** True when two findings share any character. */
export function overlaps(a: TextFinding, b: TextFinding): boolean {
  return a.start < b.end && b.start < a.end
}
