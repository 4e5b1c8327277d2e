import { eventChannels, invokeChannels, isEventChannel } from './channels'
import type { EventChannel, InvokeChannel } from './channels'
import type { DeskApi } from './contract'
import type { BridgeResult } from './result'

/** How one host moves a request and its events; the only part that differs per host. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, args: unknown[]): Promise<BridgeResult<unknown>>
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void
}

/**
 * Builds the DeskApi object from the channel list over a transport. No library imports:
 * the sandboxed preload bundles this file. Only named methods are created, never a
 * generic `invoke(channel)` (STYLE.md: no back door).
 */
export function createDeskApi(transport: BridgeTransport): DeskApi {
  const api: Record<
    string,
    Record<string, (...args: unknown[]) => Promise<BridgeResult<unknown>>>
  > = {}
  for (const channel of invokeChannels) {
    const [domain, method] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][method] = (...args: unknown[]) => transport.invoke(channel, args)
  }
  const on = (event: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventChannel(event)) throw new TypeError(`Unknown bridge event: ${String(event)}`)
    return transport.subscribe(event, listener)
  }
  return Object.freeze({ ...api, on }) as unknown as DeskApi
}

export { eventChannels, invokeChannels }
