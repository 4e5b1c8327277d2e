import { bridgeErrorCodes, type BridgeError, type BridgeErrorCode } from '@shared/bridge/result'
import type { PolicyReason } from '@shared/policy'
import { useBridgeErrorText } from './useBridgeErrorText'
import { usePolicyReasonText } from './usePolicyReasonText'

export interface FailureFacts {
  /** A bridge error code, or `conversationExpired` (db/retention.ts). */
  code: string
  message: string
  reasons?: readonly PolicyReason[]
}

const isBridgeCode = (code: string): code is BridgeErrorCode =>
  (bridgeErrorCodes as readonly string[]).includes(code)

/**
 * Why an outbox record failed (or its last attempt did), in the user's words: the policy's
 * blocking reasons when there are any (instants in the property's zone), else the bridge
 * error's text; a code this version does not know reads as a platform refusal.
 */
export function useOutboxFailureText(): (failure: FailureFacts, timeZone?: string) => string {
  const bridgeText = useBridgeErrorText()
  const reasonText = usePolicyReasonText()
  return (failure, timeZone) => {
    const blocking = (failure.reasons ?? []).filter((reason) => reason.severity === 'block')
    if (blocking.length > 0) return blocking.map((reason) => reasonText(reason, timeZone)).join(' ')
    const code: BridgeErrorCode = isBridgeCode(failure.code) ? failure.code : 'platform_refused'
    return bridgeText({ code, message: failure.message } as BridgeError)
  }
}
