import { describe, expect, it } from 'vitest'
import { keepEqual, keepEqualItems } from '@/composables/stable'

describe('keepEqual', () => {
  it('keeps the previous object when the new one is equal, deeply', () => {
    const previous = { id: 'c1', tags: { read: [1, 2] } }
    expect(keepEqual(previous, { id: 'c1', tags: { read: [1, 2] } })).toBe(previous)
  })

  it('takes the new object when anything differs, or when there was none', () => {
    const next = { id: 'c1', tags: { read: [1, 2, 3] } }
    expect(keepEqual({ id: 'c1', tags: { read: [1, 2] } }, next)).toBe(next)
    expect(keepEqual(undefined, next)).toBe(next)
  })
})

describe('keepEqualItems', () => {
  const item = (id: string, read: number) => ({ id, read })
  const key = (entry: { id: string }) => entry.id

  it('keeps each equal element and replaces only the changed ones', () => {
    const previous = [item('a', 0), item('b', 0), item('c', 1)]
    const next = [item('a', 0), item('b', 1), item('c', 1)]
    const merged = keepEqualItems(previous, next, key)
    expect(merged).not.toBe(previous)
    expect(merged[0]).toBe(previous[0])
    expect(merged[1]).toBe(next[1])
    expect(merged[2]).toBe(previous[2])
  })

  it('keeps the previous list itself when nothing changed', () => {
    const previous = [item('a', 0), item('b', 0)]
    expect(keepEqualItems(previous, [item('a', 0), item('b', 0)], key)).toBe(previous)
  })

  it('follows the new order, additions and removals', () => {
    const previous = [item('a', 0), item('b', 0), item('c', 0)]
    const merged = keepEqualItems(previous, [item('c', 0), item('d', 0), item('a', 0)], key)
    expect(merged.map(key)).toEqual(['c', 'd', 'a'])
    expect(merged[0]).toBe(previous[2])
    expect(merged[2]).toBe(previous[0])
  })

  it('compares with the function given', () => {
    const previous = [item('a', 0)]
    const merged = keepEqualItems(previous, [item('a', 5)], key, (x, y) => x.id === y.id)
    expect(merged).toBe(previous)
  })
})
