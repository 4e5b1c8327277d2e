import { describe, expect, it, vi } from 'vitest'
import { invokeChannels } from '../../../../shared/bridge/channels'
import { FakeIpcMain } from '../../../support/electron-double'
import type { BridgeHandlers } from '../../../../electron/services/bridge-dispatch'
import { stubHandlers } from '../../../support/handler-stubs'

vi.mock('electron', () => ({}))
const { registerBridgeHandlers } = await import('../../../../electron/main/ipc')

const appUrl = 'file:///out/renderer/index.html'
const isAppUrl = (url: string): boolean => url.split('#')[0] === appUrl
const snapshot = { values: { language: null }, recovery: null }

function setup() {
  const ipc = new FakeIpcMain()
  const update = vi.fn(async () => snapshot)
  const handlers: BridgeHandlers = stubHandlers({
    'app:info': async () => ({
      name: 'Innbox',
      version: '1',
      platform: 'darwin',
      osLocale: 'en',
      host: 'electron',
    }),
    'settings:get': async () => snapshot,
    'settings:update': update,
  })
  registerBridgeHandlers(ipc as never, handlers, isAppUrl)
  const call = (channel: string, frame: unknown, ...args: unknown[]) =>
    ipc.handlers.get(channel)!({ senderFrame: frame }, ...args)
  return { ipc, update, call }
}

const topFrame = { url: `${appUrl}#/settings`, parent: null }

describe('IPC handlers', () => {
  it('exist for every contract channel and nothing else', () => {
    expect([...setup().ipc.handlers.keys()].sort()).toEqual([...invokeChannels].sort())
  })

  it('answer the app page', async () => {
    const { call, update } = setup()
    expect(await call('settings:update', topFrame, { language: 'nl' })).toEqual({
      ok: true,
      value: snapshot,
    })
    expect(update).toHaveBeenCalledWith({ language: 'nl' })
  })

  it.each([
    ['a subframe of the app', { url: appUrl, parent: topFrame }],
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a destroyed frame', null],
  ])('refuse %s', async (_name, frame) => {
    const { call, update } = setup()
    expect(await call('settings:update', frame, { language: 'nl' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(update).not.toHaveBeenCalled()
  })

  it('validate arguments from the app page too', async () => {
    const { call, update } = setup()
    expect(await call('settings:update', topFrame, { language: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    expect(update).not.toHaveBeenCalled()
  })
})
