// Every placeholder a template body may use. The key is what staff type between `{{` and `}}`;
// the description lives in `shared/locales/<lng>/templates.json` under `placeholders.<key>`.
// Adding a key here without a resolver in `values.ts` is a compile error (see README.md).

export const PLACEHOLDER_KEYS = [
  'guest.name',
  'guest.firstName',
  'property.name',
  'property.address',
  'stay.checkInDate',
  'stay.checkInTime',
  'stay.checkOutDate',
  'stay.checkOutTime',
  'stay.nights',
  'reservation.number',
  'facts.directions',
  'facts.parking',
  'facts.wifiNetwork',
  'facts.wifiPassword',
  'facts.houseRules',
  'facts.contactHours',
] as const

export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number]
export type PlaceholderGroup = 'guest' | 'property' | 'stay' | 'reservation' | 'facts'

export interface PlaceholderDefinition {
  key: PlaceholderKey
  group: PlaceholderGroup
  /** i18n key of the description the editor shows next to the suggestion. */
  descriptionKey: `templates:placeholders.${PlaceholderKey}`
  /** What the editor inserts: the key between double braces. */
  insertText: string
}

export const PLACEHOLDERS: readonly PlaceholderDefinition[] = PLACEHOLDER_KEYS.map((key) => ({
  key,
  group: key.split('.')[0] as PlaceholderGroup,
  descriptionKey: `templates:placeholders.${key}` as const,
  insertText: `{{${key}}}`,
}))

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDER_KEYS)

export function isPlaceholderKey(value: string): value is PlaceholderKey {
  return KNOWN.has(value)
}

/** The text a user is typing after an unclosed `{{`, and where that `{{` starts. */
export interface PlaceholderQuery {
  /** Offset of the `{{` in the text: the editor replaces from here to the cursor. */
  replaceFrom: number
  /** What was typed after `{{`, without leading spaces. */
  query: string
}

const PARTIAL_KEY = /^\s*([A-Za-z0-9_.]*)$/

/** The placeholder being typed at the end of `bodyBeforeCursor`, or null when not inside `{{`. */
export function placeholderQueryAt(bodyBeforeCursor: string): PlaceholderQuery | null {
  const open = bodyBeforeCursor.lastIndexOf('{{')
  if (open < 0) return null
  const partial = PARTIAL_KEY.exec(bodyBeforeCursor.slice(open + 2))
  return partial ? { replaceFrom: open, query: partial[1] ?? '' } : null
}

/**
 * Autocomplete after `{{`: every placeholder whose key contains what was typed
 * (case-insensitive), those starting with it (or with a segment starting with it) first.
 */
export function suggestPlaceholders(bodyBeforeCursor: string): PlaceholderDefinition[] {
  const at = placeholderQueryAt(bodyBeforeCursor)
  if (!at) return []
  const query = at.query.toLowerCase()
  const rank = (key: string): number => {
    const lower = key.toLowerCase()
    if (lower.startsWith(query)) return 0
    if (lower.split('.').some((segment) => segment.startsWith(query))) return 1
    return lower.includes(query) ? 2 : -1
  }
  return PLACEHOLDERS.map((definition, index) => ({
    definition,
    index,
    rank: rank(definition.key),
  }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.definition)
}
