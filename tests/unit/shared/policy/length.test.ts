import { describe, expect, it } from 'vitest'
import { evaluateLength, textLength } from '@shared/policy'
import { codes } from './builders'

const config = { maxTextLength: 5000 }

describe('length (rule 11)', () => {
  it.each(['', ' ', '\n\n\t', '\u00a0', '\u200b\u200b', '\u3000'])(
    'blocks blank text %j',
    (text) => {
      expect(codes(evaluateLength(text, config))).toEqual(['textEmpty'])
    },
  )

  it.each([
    [4999, true],
    [5000, true],
    [5001, false],
  ])('with %i characters allows: %s', (length, allowed) => {
    const decision = evaluateLength('a'.repeat(length), config)
    expect(decision.allowed).toBe(allowed)
    if (!allowed)
      expect(decision.reasons[0]).toMatchObject({
        code: 'textTooLong',
        rule: 11,
        values: { limit: 5000, count: 1 },
      })
  })

  it('counts an emoji as one character', () => {
    expect(textLength('👍')).toBe(1)
    expect(evaluateLength('👍'.repeat(5000), config).allowed).toBe(true)
  })

  it('takes a configured limit', () => {
    expect(evaluateLength('abcd', { maxTextLength: 3 }).allowed).toBe(false)
  })
})
