import { PLACEHOLDER_KEYS, type PlaceholderKey } from './placeholders'

// "Did you mean …" for an unknown placeholder: the nearest key by edit distance, compared
// case-insensitively against the whole key and against its last segment, so `{{firstname}}`
// and `{{guest.nmae}}` both find their key.

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The closest known key to `name`, or null when nothing is close enough to be a typo. */
export function closestPlaceholder(name: string): PlaceholderKey | null {
  const typed = name.toLowerCase().replace(/\s+/g, '')
  if (!typed) return null
  let best: { key: PlaceholderKey; distance: number } | null = null
  for (const key of PLACEHOLDER_KEYS) {
    const lower = key.toLowerCase()
    const lastSegment = lower.slice(lower.indexOf('.') + 1)
    const distance = Math.min(
      editDistance(typed, lower),
      editDistance(typed, lastSegment),
      // `wifi` for `facts.wifiNetwork`: a typed prefix of a segment counts as close.
      lastSegment.startsWith(typed) && typed.length >= 3 ? 1 : Infinity,
    )
    if (!best || distance < best.distance) best = { key, distance }
  }
  // A third of the typed length, at least 1, at most 3: further than that is a different word.
  const tolerance = Math.min(3, Math.max(1, Math.floor(typed.length / 3)))
  return best && best.distance <= tolerance ? best.key : null
}
