import { useTranslation } from 'i18next-vue'
import type { BridgeError } from '@/bridge'
import type { BridgeErrorCode } from '@shared/bridge/result'

const errorKeys = {
  invalid_argument: 'errors.invalidArgument',
  forbidden: 'errors.forbidden',
  unknown_channel: 'errors.unknownChannel',
  unavailable: 'errors.unavailable',
  storage_failed: 'errors.storageFailed',
  internal: 'errors.internal',
} as const satisfies Record<BridgeErrorCode, string>

/** The user's words for a bridge error, in the UI language. */
export function useBridgeErrorText(): (error: BridgeError) => string {
  const { t } = useTranslation('common')
  return (error) => t(errorKeys[error.code])
}
