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
  policy_refused: 'errors.policyRefused',
  platform_refused: 'errors.platformRefused',
  not_found: 'errors.notFound',
  expired: 'errors.expired',
  rate_limited: 'errors.rateLimited',
  offline: 'errors.offline',
  timeout: 'errors.timeout',
  malformed_response: 'errors.malformedResponse',
  unknown_outcome: 'errors.unknownOutcome',
  auth_failed: 'errors.authFailed',
  unconfigured: 'errors.unconfigured',
  platform_unavailable: 'errors.platformUnavailable',
} as const satisfies Record<BridgeErrorCode, string>

/** Whether a code is one of the bridge's own (a sync status also carries the store's codes). */
export function isBridgeErrorCode(code: string): code is BridgeErrorCode {
  return Object.hasOwn(errorKeys, code)
}

/** More precise words when the cause is known. */
const causeKeys = {
  dns: 'errors.offlineDns',
  tls: 'errors.offlineTls',
  connection_refused: 'errors.offlineRefused',
  connection_reset: 'errors.offline',
  breaker_open: 'errors.offlinePaused',
  secret_missing: 'errors.unconfigured',
} as const satisfies Record<TransportCause, string>

/** The user's words for a bridge error, in the UI language. */
export function useBridgeErrorText(): (error: BridgeError) => string {
  const { t } = useTranslation('common')
  const reasonText = usePolicyReasonText()
  return (error) => {
    const blocking = error.details?.reasons?.find((reason) => reason.severity === 'block')
    if (error.code === 'policy_refused' && blocking) return reasonText(blocking)
    const cause = error.details?.cause
    const causeKey = cause ? causeKeys[cause] : undefined
    return t(causeKey ?? errorKeys[error.code])
  }
}
