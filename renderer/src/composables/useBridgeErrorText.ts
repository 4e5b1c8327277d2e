import { useTranslation } from 'i18next-vue'
import type { BridgeError } from '@/bridge'
import type { BridgeErrorCode, TransportCause } from '@shared/bridge/result'
import { usePolicyReasonText } from './usePolicyReasonText'

const errorKeys = {
  invalid_argument: 'errors.invalidArgument',
  forbidden: 'errors.forbidden',
  unknown_channel: 'errors.unknownChannel',
  unavailable: 'errors.unavailable',
  storage_failed: 'errors.storageFailed',
  internal: 'errors.internal',
  offline: 'errors.offline',
  timeout: 'errors.timeout',
  malformed_response: 'errors.malformedResponse',
  unauthorized: 'errors.unauthorized',
  rate_limited: 'errors.rateLimited',
  platform_unavailable: 'errors.platformUnavailable',
  platform_refused: 'errors.platformRefused',
  not_found: 'errors.notFound',
  policy_refused: 'errors.policyRefused',
  outcome_unknown: 'errors.outcomeUnknown',
} as const satisfies Record<BridgeErrorCode, string>

/** More precise words when the cause is known. */
const causeKeys = {
  dns: 'errors.offlineDns',
  tls: 'errors.offlineTls',
  connection_refused: 'errors.offlineRefused',
  connection_reset: 'errors.offline',
  breaker_open: 'errors.offlinePaused',
  secret_missing: 'errors.secretMissing',
} as const satisfies Record<TransportCause, string>

/** The user's words for a bridge error, in the UI language. */
export function useBridgeErrorText(): (error: BridgeError) => string {
  const { t } = useTranslation('common')
  const reasonText = usePolicyReasonText()
  return (error) => {
    const blocking = error.reasons?.find((reason) => reason.severity === 'block')
    if (error.code === 'policy_refused' && blocking) return reasonText(blocking)
    const causeKey = error.cause ? causeKeys[error.cause] : undefined
    return t(causeKey ?? errorKeys[error.code])
  }
}
