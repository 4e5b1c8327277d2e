import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AccountSummary, PlatformStatus } from '@shared/bridge/account-schemas'
import type { BridgeResult } from '@shared/bridge/result'

const bridge = vi.hoisted(() => ({
  listeners: new Map<string, ((payload: unknown) => void)[]>(),
  status: vi.fn(),
  list: vi.fn(),
  test: vi.fn(),
  add: vi.fn(),
  remove: vi.fn(),
  activate: vi.fn(),
}))
vi.mock('@/bridge', () => ({
  desk: {
    platform: { status: bridge.status },
    accounts: {
      list: bridge.list,
      test: bridge.test,
      add: bridge.add,
      remove: bridge.remove,
      activate: bridge.activate,
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      bridge.listeners.set(event, [...(bridge.listeners.get(event) ?? []), listener])
      return () => {}
    },
  },
}))
const { usePlatformStore } = await import('@/stores/platform')

const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value })
const sandbox: AccountSummary = {
  accountId: 'sandbox',
  kind: 'sandbox',
  label: null,
  baseUrl: 'http://127.0.0.1:1',
  clientId: 'demo',
  syncMode: 'queue',
  active: true,
}
const hotel: AccountSummary = {
  ...sandbox,
  accountId: 'a1',
  kind: 'platform',
  label: 'Hotel',
  baseUrl: 'https://platform.example',
  active: false,
}
const status = (state: PlatformStatus['state']): PlatformStatus => ({
  state,
  account: sandbox,
  lastError: null,
  retryAt: null,
})
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
const emit = (event: string, payload: unknown) =>
  bridge.listeners.get(event)?.forEach((listener) => listener(payload))

beforeEach(() => {
  setActivePinia(createPinia())
  bridge.listeners = new Map()
  vi.clearAllMocks()
  bridge.status.mockResolvedValue(ok(status('online')))
  bridge.list.mockResolvedValue(ok([sandbox]))
})

describe('platform store', () => {
  it('loads the status and the accounts', async () => {
    const store = usePlatformStore()
    await store.load()
    expect(store.status?.state).toBe('online')
    expect(store.active?.accountId).toBe('sandbox')
    expect(store.added).toEqual([])
  })

  it('follows pushed status changes and drops an older answer that arrives later', async () => {
    const slow = deferred<BridgeResult<PlatformStatus>>()
    bridge.status.mockReturnValueOnce(slow.promise)
    const store = usePlatformStore()
    const loading = store.load()
    emit('platform:statusChanged', status('offline'))
    slow.resolve(ok(status('online')))
    await loading
    expect(store.status?.state).toBe('offline')
  })

  it('reports a test result, and forgets it when the credentials change', async () => {
    bridge.test.mockResolvedValue(ok({ propertyCount: 3 }))
    const store = usePlatformStore()
    await store.testConnection({ baseUrl: 'https://p.example', clientId: 'c', clientSecret: 's' })
    expect(store.testStep).toBe('done')
    expect(store.testedPropertyCount).toBe(3)
    store.clearTest()
    expect(store.testStep).toBe('idle')
  })

  it('keeps only the newest test answer', async () => {
    const first = deferred<BridgeResult<{ propertyCount: number }>>()
    bridge.test.mockReturnValueOnce(first.promise).mockResolvedValueOnce(ok({ propertyCount: 2 }))
    const store = usePlatformStore()
    const target = { baseUrl: 'https://p.example', clientId: 'c', clientSecret: 's' }
    const older = store.testConnection(target)
    await store.testConnection({ ...target, clientSecret: 't' })
    first.resolve({ ok: false, error: { code: 'auth_failed', message: 'no' } })
    await older
    expect(store.testStep).toBe('done')
    expect(store.testedPropertyCount).toBe(2)
  })

  it('shows why a test failed', async () => {
    bridge.test.mockResolvedValue({
      ok: false,
      error: { code: 'offline', message: 'x', details: { cause: 'dns' } },
    })
    const store = usePlatformStore()
    await store.testConnection({ accountId: 'a1' })
    expect(store.testStep).toBe('failed')
    expect(store.testError).toMatchObject({ code: 'offline', details: { cause: 'dns' } })
  })

  it('adds an account and refreshes the list', async () => {
    bridge.add.mockResolvedValue(ok({ ...hotel, active: true }))
    bridge.list.mockResolvedValue(
      ok([
        { ...sandbox, active: false },
        { ...hotel, active: true },
      ]),
    )
    const store = usePlatformStore()
    const added = await store.addAccount({
      label: 'Hotel',
      baseUrl: 'https://platform.example',
      clientId: 'demo',
      clientSecret: 'secret',
      syncMode: 'queue',
    })
    expect(added).toBe(true)
    expect(store.addStep).toBe('done')
    expect(store.active?.accountId).toBe('a1')
    expect(store.added).toHaveLength(1)
  })

  it('keeps the list and reports when a removal is refused', async () => {
    bridge.list.mockResolvedValue(ok([sandbox, hotel]))
    bridge.remove.mockResolvedValue({
      ok: false,
      error: { code: 'storage_failed', message: 'disk full' },
    })
    const store = usePlatformStore()
    await store.load()
    expect(await store.removeAccount('a1')).toBe(false)
    expect(store.accounts).toHaveLength(2)
    expect(store.changeError?.code).toBe('storage_failed')
  })

  it('follows account changes made in another window', async () => {
    const store = usePlatformStore()
    await store.load()
    emit('accounts:changed', [
      { ...sandbox, active: false },
      { ...hotel, active: true },
    ])
    expect(store.active?.label).toBe('Hotel')
  })
})
