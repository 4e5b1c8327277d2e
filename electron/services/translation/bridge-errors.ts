import type { BridgeErrorCode, BridgeErrorDetails } from '../../../shared/bridge/result'
import { BridgeFailure } from '../../../shared/bridge/result'
import type { TranslationFailure } from '../../../shared/bridge/translation-schemas'
import type { TranslationError } from './provider'

/**
 * A provider's error as a bridge error. The bridge code is the nearest general one (so code
 * that only knows bridge errors still reacts sensibly: `offline` and `timeout` are worth a
 * retry, `rate_limited` after `retryAfterMs`); `details.translation` keeps the provider's
 * own code and facts for the UI's `translation:errors.*` texts. The English message has
 * already had the key blanked out by the provider (errors.ts, `redact`).
 */
const bridgeCodes: Record<TranslationError['code'], BridgeErrorCode> = {
  not_configured: 'unconfigured',
  invalid_config: 'invalid_argument',
  bad_key: 'auth_failed',
  quota_exhausted: 'platform_refused',
  rate_limited: 'rate_limited',
  unsupported_pair: 'platform_refused',
  timeout: 'timeout',
  offline: 'offline',
  malformed_response: 'malformed_response',
  provider_error: 'platform_unavailable',
}

export function failureOf(error: TranslationError): TranslationFailure {
  switch (error.code) {
    case 'invalid_config':
      return { code: error.code, field: error.field }
    case 'unsupported_pair':
      return { code: error.code, source: error.source, target: error.target }
    case 'provider_error':
      return { code: error.code, status: error.status }
    default:
      return { code: error.code }
  }
}

export function toBridgeFailure(error: TranslationError): BridgeFailure {
  const details: BridgeErrorDetails = { translation: failureOf(error) }
  if (error.code === 'rate_limited') details.retryAfterMs = error.retryAfterMs
  if (error.code === 'provider_error') details.status = error.status
  return new BridgeFailure(bridgeCodes[error.code], error.message, details)
}
