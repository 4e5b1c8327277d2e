import { describe, expect, it, vi } from 'vitest'
import { createDeskApi } from '../../../../shared/bridge/client'
import type { BridgeTransport } from '../../../../shared/bridge/client'
import { invokeChannels } from '../../../../shared/bridge/channels'

function fakeTransport(): BridgeTransport & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return {
    calls,
    invoke: vi.fn(async (channel, args) => {
      calls.push([channel, args])
      return { ok: true as const, value: null }
    }),
    subscribe: vi.fn(() => () => {}),
  }
}

describe('createDeskApi', () => {
  it('offers one named method per channel, grouped by domain', async () => {
    const transport = fakeTransport()
    const api = createDeskApi(transport)
    await api.settings.update({ language: 'th' })
    await api.app.info()
    expect(transport.calls).toEqual([
      ['settings:update', [{ language: 'th' }]],
      ['app:info', []],
    ])
    const methods = Object.entries(api)
      .filter(([key]) => key !== 'on')
      .flatMap(([domain, group]) => Object.keys(group as object).map((m) => `${domain}:${m}`))
    expect(methods.sort()).toEqual([...invokeChannels].sort())
  })

  it('has no generic invoke and cannot be extended by the page', () => {
    const api = createDeskApi(fakeTransport()) as unknown as Record<string, unknown>
    expect(api.invoke).toBeUndefined()
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('refuses to subscribe to an event outside the contract', () => {
    const api = createDeskApi(fakeTransport())
    expect(() => api.on('sync:hacked' as 'settings:changed', () => {})).toThrow(TypeError)
  })
})
