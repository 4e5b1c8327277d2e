import i18next from 'i18next'
import type { Resource } from 'i18next'
import { namespaces } from '@shared/locales/namespaces'
import { sourceLanguage, textDirection, uiLanguages } from '@shared/i18n/languages'
import type { UiLanguage } from '@shared/i18n/languages'

// Every language is bundled: ten small JSON sets are cheaper than a round trip, and the
// desk must switch language offline.
const files = import.meta.glob<Record<string, unknown>>('@shared/locales/*/*.json', {
  eager: true,
  import: 'default',
})

export function bundledResources(): Resource {
  const resources: Resource = {}
  for (const [file, content] of Object.entries(files)) {
    const match = /locales\/([a-z]{2})\/([A-Za-z]+)\.json$/.exec(file)
    if (!match) continue
    const [, language, namespace] = match as unknown as [string, string, string]
    resources[language] ??= {}
    resources[language][namespace] = content
  }
  return resources
}

export async function initI18n(language: UiLanguage): Promise<typeof i18next> {
  await i18next.init({
    lng: language,
    fallbackLng: sourceLanguage,
    supportedLngs: [...uiLanguages],
    ns: [...namespaces],
    defaultNS: 'common',
    resources: bundledResources(),
    // Vue escapes interpolated text itself; guest text never passes through as HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  applyDocumentLanguage(language)
  return i18next
}

/** Switches the UI language; Arabic also turns the whole document right to left. */
export async function changeLanguage(language: UiLanguage): Promise<void> {
  await i18next.changeLanguage(language)
  applyDocumentLanguage(language)
}

function applyDocumentLanguage(language: UiLanguage): void {
  document.documentElement.lang = language
  document.documentElement.dir = textDirection(language)
}

export { i18next }
