import { invokeChannels } from '../../shared/bridge/channels'
import { BridgeFailure } from '../../shared/bridge/result'
import type { BridgeHandlers } from '../../electron/services/bridge-dispatch'

/**
 * A full handler table for tests that care about a few channels: every other channel
 * answers `unavailable`, so the compiler's "one handler per channel" holds in tests too.
 */
export function stubHandlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  const stubs: Record<string, () => Promise<never>> = {}
  for (const channel of invokeChannels) {
    stubs[channel] = async () => {
      throw new BridgeFailure('unavailable', `${channel} is not part of this test.`)
    }
  }
  return { ...(stubs as unknown as BridgeHandlers), ...overrides }
}
