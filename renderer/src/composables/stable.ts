import { dequal } from 'dequal'

// Every answer of a live query is new objects, equal or not to the last one. Handed to
// components as they are, each answer would draw every row and message again (Vue compares
// props by identity): marking a conversation read re-drew the whole timeline and every row of
// the list (issue 11, open conversation). These keep the previous object wherever the new one
// is equal to it, so only what changed is drawn again.

/** `next`, or `previous` when it is equal to it. */
export function keepEqual<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && dequal(previous, next) ? previous : next
}

/**
 * `next` with each element replaced by the previous element of the same key when equal to it;
 * the previous list itself when nothing changed.
 */
export function keepEqualItems<T>(
  previous: readonly T[] | undefined,
  next: readonly T[],
  keyOf: (item: T) => string,
  same: (a: T, b: T) => boolean = dequal,
): readonly T[] {
  if (!previous || previous.length === 0) return next
  const byKey = new Map(previous.map((item) => [keyOf(item), item]))
  let changed = previous.length !== next.length
  const merged = next.map((item, index) => {
    const before = byKey.get(keyOf(item))
    const kept = before !== undefined && same(before, item) ? before : item
    if (kept !== previous[index]) changed = true
    return kept
  })
  return changed ? merged : previous
}
