import type { Settings } from '../../shared/bridge/schemas'
import { pickUiLanguage } from '../../shared/i18n/languages'
import type { UiLanguage } from '../../shared/i18n/languages'

/** The language the UI shows: the user's choice, else the first OS language Innbox speaks. */
export function effectiveLanguage(settings: Settings, osLocales: readonly string[]): UiLanguage {
  return settings.language ?? pickUiLanguage(osLocales)
}
