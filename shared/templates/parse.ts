import { bodyError, EXAMPLE_PLACEHOLDER, type BodyError } from './errors'
import { isPlaceholderKey, type PlaceholderKey } from './placeholders'
import { closestPlaceholder } from './suggest'

// The template body grammar: plain text with `{{ key }}` placeholders. Braces are reserved:
// a `{` or `}` that is not part of a well-formed `{{ … }}` is an error at its place, so a typo
// like `{guest.name}}` is caught in the editor instead of reaching a guest (issue 8). A
// placeholder stays on one line; spaces and bidi marks (typed in RTL text) inside it are ignored.

export type BodyToken =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'placeholder'; key: PlaceholderKey; start: number; end: number }
  /** Source that is an error (see `errors`): never rendered into a message. */
  | { kind: 'invalid'; source: string; start: number; end: number }

export interface ParsedBody {
  tokens: BodyToken[]
  errors: BodyError[]
}

const INSIDE = /[^{}\r\n]*/y
const PARTIAL_NAME = /[ \t]*[\p{L}\p{N}_.-]*/uy
const IGNORED_INSIDE = /[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function classify(body: string, start: number, end: number): BodyToken | BodyError {
  const name = body.slice(start + 2, end - 2).replace(IGNORED_INSIDE, '')
  if (!name) return bodyError('emptyPlaceholder', start, end, { example: EXAMPLE_PLACEHOLDER })
  if (isPlaceholderKey(name)) return { kind: 'placeholder', key: name, start, end }
  const suggestion = closestPlaceholder(name)
  const values = { name, placeholder: `{{${name}}}` }
  return bodyError(
    'unknownPlaceholder',
    start,
    end,
    suggestion ? { ...values, suggestion: `{{${suggestion}}}` } : values,
    suggestion,
  )
}

/** Where the `{{` at `open` ends: its placeholder's end, or null when it is not closed. */
function closingOf(body: string, open: number): number | null {
  INSIDE.lastIndex = open + 2
  INSIDE.exec(body)
  const stop = INSIDE.lastIndex
  return body.startsWith('}}', stop) ? stop + 2 : null
}

/** An unclosed `{{` covers the name typed after it, and a single `}` right after the name. */
function unclosedEnd(body: string, open: number): number {
  PARTIAL_NAME.lastIndex = open + 2
  PARTIAL_NAME.exec(body)
  const stop = PARTIAL_NAME.lastIndex
  return body[stop] === '}' ? stop + 1 : stop
}

/** Splits a body into text and placeholders, with every error at its offsets. Never throws. */
export function parseTemplateBody(body: string): ParsedBody {
  const tokens: BodyToken[] = []
  const errors: BodyError[] = []
  let textStart = 0
  let index = 0
  const emit = (item: BodyToken | BodyError) => {
    if (textStart < item.start) {
      tokens.push({
        kind: 'text',
        text: body.slice(textStart, item.start),
        start: textStart,
        end: item.start,
      })
    }
    if ('code' in item) {
      errors.push(item)
      tokens.push({
        kind: 'invalid',
        source: body.slice(item.start, item.end),
        start: item.start,
        end: item.end,
      })
    } else tokens.push(item)
    textStart = index = item.end
  }
  while (index < body.length) {
    const char = body[index]
    const next = body[index + 1]
    if (char === '{' && next === '{' && body[index + 2] !== '{') {
      const end = closingOf(body, index)
      emit(
        end === null
          ? bodyError('unclosedPlaceholder', index, unclosedEnd(body, index), { closing: '}}' })
          : classify(body, index, end),
      )
    } else if (char === '}' && next === '}') {
      emit(bodyError('strayClosingBraces', index, index + 2, { closing: '}}' }))
    } else if (char === '{' || char === '}') {
      // In `{{{`, the first brace is the stray one: the last two open the placeholder.
      emit(bodyError('strayBrace', index, index + 1, { brace: char, example: EXAMPLE_PLACEHOLDER }))
    } else index++
  }
  if (textStart < body.length) {
    tokens.push({ kind: 'text', text: body.slice(textStart), start: textStart, end: body.length })
  }
  return { tokens, errors }
}
