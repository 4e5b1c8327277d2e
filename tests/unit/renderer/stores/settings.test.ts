import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SettingsSnapshot } from '@shared/bridge/schemas'
import type { BridgeResult } from '@shared/bridge/result'

type Listener = (payload: SettingsSnapshot) => void
const bridge = vi.hoisted(() => ({
  listeners: [] as ((payload: unknown) => void)[],
  get: vi.fn(),
  update: vi.fn(),
  info: vi.fn(),
}))
vi.mock('@/bridge', () => ({
  desk: {
    app: { info: bridge.info },
    settings: { get: bridge.get, update: bridge.update },
    on: (_event: string, listener: Listener) => {
      bridge.listeners.push(listener as (payload: unknown) => void)
      return () => {}
    },
  },
}))
const { useSettingsStore } = await import('@/stores/settings')

const snap = (language: SettingsSnapshot['values']['language']): SettingsSnapshot => ({
  values: { language },
  recovery: null,
})
const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value })
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  setActivePinia(createPinia())
  bridge.listeners = []
  vi.clearAllMocks()
})

describe('settings store', () => {
  it('follows the system language until one is chosen', async () => {
    bridge.get.mockResolvedValue(ok(snap(null)))
    const store = useSettingsStore()
    await store.load()
    expect(store.language).toBe(store.systemLanguage)
    bridge.update.mockResolvedValue(ok(snap('th')))
    await store.update({ language: 'th' })
    expect(store.language).toBe('th')
    expect(store.saveState).toBe('saved')
  })

  it('rolls back and reports when the save is refused', async () => {
    bridge.get.mockResolvedValue(ok(snap('fr')))
    bridge.update.mockResolvedValue({
      ok: false,
      error: { code: 'storage_failed', message: 'disk full' },
    })
    const store = useSettingsStore()
    await store.load()
    expect(await store.update({ language: 'de' })).toBe(false)
    expect(store.language).toBe('fr')
    expect(store.saveState).toBe('failed')
    expect(store.error?.code).toBe('storage_failed')
  })

  it('drops a slow answer that arrives after a newer choice', async () => {
    bridge.get.mockResolvedValue(ok(snap(null)))
    const store = useSettingsStore()
    await store.load()
    const slow = deferred<BridgeResult<SettingsSnapshot>>()
    bridge.update.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(ok(snap('pl')))
    const first = store.update({ language: 'nl' })
    await store.update({ language: 'pl' })
    slow.resolve(ok(snap('nl')))
    await first
    expect(store.language).toBe('pl')
  })

  it('follows changes made in another window', async () => {
    bridge.get.mockResolvedValue(ok(snap('es')))
    const store = useSettingsStore()
    await store.load()
    bridge.listeners.forEach((listener) => listener(snap('ar')))
    expect(store.language).toBe('ar')
  })

  it('finishes saving when the change event arrives before the answer', async () => {
    bridge.get.mockResolvedValue(ok(snap(null)))
    const store = useSettingsStore()
    await store.load()
    const answer = deferred<BridgeResult<SettingsSnapshot>>()
    bridge.update.mockReturnValueOnce(answer.promise)
    const saving = store.update({ language: 'ru' })
    bridge.listeners.forEach((listener) => listener(snap('ru')))
    answer.resolve(ok(snap('ru')))
    await saving
    expect(store.saveState).toBe('saved')
    expect(store.language).toBe('ru')
  })

  it('shows a recovered settings file until dismissed', async () => {
    bridge.get.mockResolvedValue(
      ok({
        values: { language: null },
        recovery: { backupFile: '/x/settings.damaged.json', reason: 'unreadable_json' },
      }),
    )
    const store = useSettingsStore()
    await store.load()
    expect(store.recovery?.backupFile).toBe('/x/settings.damaged.json')
    store.dismissRecovery()
    expect(store.recovery).toBeNull()
  })
})
