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
const stackedMarks =
  /([\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]{3})[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]+/g

export function displayText(text: string): string {
  return text.replace(bidiOverrides, '').replace(stackedMarks, '$1')
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
