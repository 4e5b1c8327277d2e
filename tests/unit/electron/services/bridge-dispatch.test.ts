import { describe, expect, it, vi } from 'vitest'
import { BridgeFailure } from '../../../../shared/bridge/result'
import { dispatch } from '../../../../electron/services/bridge-dispatch'
import type { BridgeHandlers } from '../../../../electron/services/bridge-dispatch'
import { stubHandlers } from '../../../support/handler-stubs'

const snapshot = { values: { language: null }, recovery: null }

function handlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  return stubHandlers({
    'app:info': async () => ({
      name: 'Innbox',
      version: '1',
      platform: 'linux',
      osLocale: 'en',
      host: 'web',
    }),
    'settings:get': async () => snapshot,
    'settings:update': vi.fn(async () => snapshot),
    ...overrides,
  })
}

describe('dispatch', () => {
  it('answers a valid request with the handler value', async () => {
    expect(await dispatch(handlers(), 'settings:get', [])).toEqual({ ok: true, value: snapshot })
  })

  it('refuses a channel outside the contract', async () => {
    const result = await dispatch(handlers(), 'fs:readFile', ['/etc/passwd'])
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
  })

  it.each([
    ['a language Innbox does not speak', [{ language: 'xx' }]],
    ['an unknown setting', [{ language: 'fr', nodeIntegration: true }]],
    ['a missing argument', []],
    ['an extra argument', [{ language: 'fr' }, 'more']],
    ['arguments that are not a list', { language: 'fr' }],
  ])('refuses %s before the handler runs', async (_name, args) => {
    const update = vi.fn(async () => snapshot)
    const result = await dispatch(handlers({ 'settings:update': update }), 'settings:update', args)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(update).not.toHaveBeenCalled()
  })

  it('passes a handler-chosen error code through', async () => {
    const failing = handlers({
      'settings:get': async () => {
        throw new BridgeFailure('storage_failed', 'disk full')
      },
    })
    expect(await dispatch(failing, 'settings:get', [])).toEqual({
      ok: false,
      error: { code: 'storage_failed', message: 'disk full' },
    })
  })

  it('hides unexpected errors behind internal and reports them', async () => {
    const report = vi.fn()
    const failing = handlers({
      'settings:get': async () => {
        throw new Error('secret path /home/x')
      },
    })
    const result = await dispatch(failing, 'settings:get', [], report)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret')
    expect(report).toHaveBeenCalledWith('settings:get', expect.any(Error))
  })
})
