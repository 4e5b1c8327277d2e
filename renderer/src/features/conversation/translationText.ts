import { useTranslation } from 'i18next-vue'
import { useBridgeErrorText } from '@/composables/useBridgeErrorText'
import type { JobFailure } from '@/stores/translation-jobs'
import type { BridgeError } from '@/stores/translation-service'

/**
 * Words for machine translation (issue 9): language names in the UI language, through
 * `Intl.DisplayNames` (so every code has a name, without a list to keep), and a translation
 * failure explained with `translation:errors.*`.
 */

const displayNames = new Map<string, Intl.DisplayNames | null>()

function namesIn(uiLanguage: string): Intl.DisplayNames | null {
  if (!displayNames.has(uiLanguage)) {
    let names: Intl.DisplayNames | null = null
    try {
      names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' })
    } catch {
      // An engine without DisplayNames shows the code itself.
    }
    displayNames.set(uiLanguage, names)
  }
  return displayNames.get(uiLanguage) ?? null
}

/** `fr` → "French" in English, « français » in French; the code when the engine has no name. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return namesIn(uiLanguage)?.of(code) ?? code
  } catch {
    return code
  }
}

/** The language-name function for the current UI language (reactive through `i18next`). */
export function useLanguageName(): (code: string) => string {
  const { i18next } = useTranslation()
  return (code) => languageName(code, i18next.language)
}

/** A failed translation in the reader's words. */
export function useTranslationFailureText(): (failure: JobFailure) => string {
  const { t } = useTranslation('translation')
  const name = useLanguageName()
  return (failure) => {
    switch (failure.code) {
      case 'not_configured':
        return t('errors.notConfigured')
      case 'invalid_config':
        return failure.field === 'baseUrl'
          ? t('errors.invalidBaseUrl')
          : failure.field === 'apiKey'
            ? t('errors.invalidApiKey')
            : t('errors.invalidConfig')
      case 'bad_key':
        return t('errors.badKey')
      case 'quota_exhausted':
        return t('errors.quotaExhausted')
      case 'rate_limited':
        return t('errors.rateLimited')
      case 'unsupported_pair': {
        const target = name(failure.target ?? '')
        return failure.source
          ? t('errors.unsupportedPair', { source: name(failure.source), target })
          : t('errors.unsupportedTarget', { target })
      }
      case 'timeout':
        return t('errors.timeout')
      case 'offline':
        return t('errors.offline')
      case 'malformed_response':
        return t('errors.malformedResponse')
      case 'provider_error':
        return t('errors.providerError', { status: failure.status ?? '?' })
      case 'storage_failed':
        return t('errors.storageFailed')
      default:
        return t('errors.unknown')
    }
  }
}

/** A bridge error from a translation channel: the service's reason when there is one. */
export function useTranslationErrorText(): (error: BridgeError) => string {
  const failureText = useTranslationFailureText()
  const bridgeText = useBridgeErrorText()
  return (error) =>
    error.details?.translation ? failureText(error.details.translation) : bridgeText(error)
}
