import { describe, expect, it } from 'vitest'
import { findAll, prepareScanText } from '@shared/policy/scanText'

const find = (text: string, pattern: RegExp) =>
  findAll(prepareScanText(text), text, pattern).map(({ text: found, start }) => [found, start])

describe('finding a pattern in a text', () => {
  it('finds every match, pointing at the text as typed', () => {
    // The fullwidth digits read as digits once normalised; offsets are the original's.
    expect(find('call ０１２ or 345', /\d+/gu)).toEqual([
      ['０１２', 5],
      ['345', 12],
    ])
  })

  it('leaves a shared pattern ready for the next caller, and gives the same answer twice', () => {
    const pattern = /\d+/g
    expect(find('1 2 3', pattern)).toHaveLength(3)
    expect(pattern.lastIndex).toBe(0)
    expect(find('1 2 3', pattern)).toHaveLength(3)
  })

  it('finds every match of a pattern written without the global flag', () => {
    const pattern = /\d/u
    expect(find('a1b2', pattern)).toEqual([
      ['1', 1],
      ['2', 3],
    ])
    expect(find('a1b2', pattern)).toHaveLength(2)
  })

  it('steps over empty matches, a whole character at a time', () => {
    expect(find('a😀', /x*/gu).map(([, start]) => start)).toEqual([0, 1, 3])
  })

  it('finds nothing in no text', () => {
    expect(find('', /x*/g)).toEqual([])
  })
})
