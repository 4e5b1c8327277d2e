/** The languages the Innbox UI speaks. English is the source language of every string. */
export const uiLanguages = ['en', 'fr', 'es', 'pt', 'ru', 'th', 'de', 'nl', 'pl', 'ar'] as const

export type UiLanguage = (typeof uiLanguages)[number]

export const sourceLanguage: UiLanguage = 'en'

/** Each language's name in itself, as a language picker shows it. */
export const languageEndonyms: Record<UiLanguage, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  ru: 'Русский',
  th: 'ไทย',
  de: 'Deutsch',
  nl: 'Nederlands',
  pl: 'Polski',
  ar: 'العربية',
}

const rightToLeft: ReadonlySet<UiLanguage> = new Set<UiLanguage>(['ar'])

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as readonly string[]).includes(value)
}

export function textDirection(language: UiLanguage): 'ltr' | 'rtl' {
  return rightToLeft.has(language) ? 'rtl' : 'ltr'
}

/**
 * The UI language for a BCP 47 locale such as `pt-BR`, `ar_EG.UTF-8` or `zh-Hans`,
 * or null when Innbox does not speak it. POSIX forms (`de_DE.UTF-8`) are accepted
 * because that is how LANG arrives on Linux.
 */
export function matchUiLanguage(locale: string | null | undefined): UiLanguage | null {
  if (!locale) return null
  const primary = locale
    .trim()
    .split(/[-_.@]/)[0]
    ?.toLowerCase()
  return isUiLanguage(primary) ? primary : null
}

/** The first of several preferred locales that Innbox speaks, else English. */
export function pickUiLanguage(preferred: readonly (string | null | undefined)[]): UiLanguage {
  for (const locale of preferred) {
    const match = matchUiLanguage(locale)
    if (match) return match
  }
  return sourceLanguage
}
