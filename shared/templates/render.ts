import type { RenderContext } from './context'
import type { BodyError } from './errors'
import { parseTemplateBody } from './parse'
import type { PlaceholderKey } from './placeholders'
import { placeholderValue } from './values'

// Filling a body for one reservation (issue 8, "Using a template"). A guest never receives a
// raw `{{…}}` or an empty gap: `text` holds no placeholder syntax at all, and whatever could
// not be filled is reported (`missing`, `errors`) with `complete: false`, which blocks sending.
// Values are inserted verbatim and never parsed again, so a value that contains `{{…}}` (a
// guest's name, a house rule) cannot inject a placeholder.

export type RenderSegment =
  | { kind: 'text'; text: string }
  | { kind: 'value'; key: PlaceholderKey; text: string }
  /** No value for this reservation: highlight it and let staff type one. */
  | { kind: 'missing'; key: PlaceholderKey }
  /** Broken template source (an inactive template previewed): shown as an error, never sent. */
  | { kind: 'invalid'; source: string }

export interface RenderResult {
  /** The message text; no placeholder syntax, missing values and broken source left out. */
  text: string
  segments: RenderSegment[]
  /** Each placeholder without a value, once, in order of first appearance. */
  missing: PlaceholderKey[]
  errors: BodyError[]
  /** True only when nothing is missing and the body has no errors: only then may it be sent. */
  complete: boolean
}

/** Renders `body` for `context`, formatting dates, times and counts in `locale`. */
export function renderTemplate(body: string, context: RenderContext, locale: string): RenderResult {
  const { tokens, errors } = parseTemplateBody(body)
  const segments: RenderSegment[] = []
  const missing: PlaceholderKey[] = []
  for (const token of tokens) {
    if (token.kind === 'text') {
      const last = segments.at(-1)
      if (last?.kind === 'text') last.text += token.text
      else segments.push({ kind: 'text', text: token.text })
    } else if (token.kind === 'invalid') {
      segments.push({ kind: 'invalid', source: token.source })
    } else {
      const value = placeholderValue(token.key, context, locale)
      if (value !== null) segments.push({ kind: 'value', key: token.key, text: value })
      else {
        segments.push({ kind: 'missing', key: token.key })
        if (!missing.includes(token.key)) missing.push(token.key)
      }
    }
  }
  const text = segments.map((s) => (s.kind === 'text' || s.kind === 'value' ? s.text : '')).join('')
  return { text, segments, missing, errors, complete: missing.length === 0 && errors.length === 0 }
}
