// Languages a template variant or a property fact may be written in: the ten UI languages and
// the other languages guests of the demo properties write (shared/language can detect them).
export const TEMPLATE_LANGUAGES = [
  'en',
  'fr',
  'es',
  'pt',
  'ru',
  'th',
  'de',
  'nl',
  'pl',
  'ar',
  'it',
  'tr',
  'uk',
  'zh',
  'ja',
  'ko',
  'he',
  'el',
  'hi',
  'fa',
] as const

/** A language's name in the UI language ("Russian", "русский"…), else its code. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Right-to-left scripts, so a body written in them is edited and shown the right way. */
const RTL = new Set(['ar', 'he', 'fa', 'ur'])

export function directionOf(code: string): 'rtl' | 'ltr' {
  return RTL.has(code) ? 'rtl' : 'ltr'
}
