/**
 * Language codes at the edge of a provider. Innbox speaks ISO 639-1 (`pt`, `zh`); services
 * answer with regional or script variants (`PT-BR`, `zh-Hans`, LibreTranslate's `pb`).
 */

const languageCode = /^[a-z]{2,3}$/

/** True for a bare lower-case ISO 639 code, the only form the interface accepts. */
export function isLanguageCode(value: string): boolean {
  return languageCode.test(value)
}

// LibreTranslate names Brazilian Portuguese `pb`; it is still Portuguese to the desk.
const aliases: Record<string, string> = { pb: 'pt' }

/** `PT-BR` → `pt`, `zh-Hans` → `zh`, `EN` → `en`; null for anything that is not a code. */
export function normaliseCode(value: string): string | null {
  const primary = value.trim().split(/[-_]/)[0]?.toLowerCase() ?? ''
  const code = aliases[primary] ?? primary
  return isLanguageCode(code) ? code : null
}

/** Normalised, de-duplicated and sorted codes; unknown forms are dropped. */
export function normaliseCodes(values: Iterable<string>): string[] {
  const codes = new Set<string>()
  for (const value of values) {
    const code = normaliseCode(value)
    if (code) codes.add(code)
  }
  return [...codes].sort()
}
