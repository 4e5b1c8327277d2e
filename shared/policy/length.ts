import type { PolicyConfig } from './context'
import { decide, reason, type PolicyDecision } from './reasons'

// Rule 11 [ours]: text is required and at most `maxTextLength` characters.

/** Whitespace and the invisible characters that look like nothing in a message. */
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/u

/** Characters as people count them closely enough: Unicode code points (an emoji is one or two). */
export function textLength(text: string): number {
  let count = 0
  for (const _char of text) count += 1
  return count
}

export function isBlankText(text: string): boolean {
  return BLANK.test(text)
}

export interface LengthDecision extends PolicyDecision {
  length: number
  limit: number
}

export function evaluateLength(
  text: string,
  config: Pick<PolicyConfig, 'maxTextLength'>,
): LengthDecision {
  const length = textLength(text)
  const limit = config.maxTextLength
  const reasons = isBlankText(text)
    ? [reason('textEmpty')]
    : length > limit
      ? [reason('textTooLong', { limit, count: length - limit })]
      : []
  return { ...decide(reasons), length, limit }
}
