/**
 * How a guest's text is prepared for the screen (never for storage or sending: the stored
 * message stays exactly as the platform gave it, rule 7).
 *
 * - Bidi embeddings and overrides (U+202A–U+202E) are dropped: a guest must not be able to
 *   reorder what staff read (the "Trojan Source" trick: `invoice‮fdp.exe`). Isolates
 *   (U+2066–U+2069) stay, they cannot leak outside their paragraph.
 * - Runs of stacked combining marks from the generic diacritics blocks ("zalgo") are cut to
 *   a few, so one message cannot paint over its neighbours. Thai and Arabic marks live in
 *   their own blocks and are never touched.
 */
const bidiOverrides = /[\u202A-\u202E]/g
const maxStackedMarks = 3

/** Combining marks of the generic diacritics blocks, the ones zalgo text stacks. */
function isStackingMark(codePoint: number): boolean {
  return (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
    (codePoint >= 0x1dc0 && codePoint <= 0x1dff) ||
    (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
    (codePoint >= 0xfe20 && codePoint <= 0xfe2f)
  )
}

function limitStackedMarks(text: string): string {
  const kept: string[] = []
  let run = 0
  for (const character of text) {
    run = isStackingMark(character.codePointAt(0)!) ? run + 1 : 0
    if (run <= maxStackedMarks) kept.push(character)
  }
  return kept.join('')
}

export function displayText(text: string): string {
  return limitStackedMarks(text.replace(bidiOverrides, ''))
}

/** Long messages show their start first; the reader expands them on purpose. */
export const collapsedLength = 1_500

export function needsCollapse(text: string): boolean {
  return text.length > collapsedLength + 200
}

export function collapse(text: string): string {
  const cut = text.lastIndexOf(' ', collapsedLength)
  return `${text.slice(0, cut > collapsedLength - 200 ? cut : collapsedLength)}…`
}
