import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpTransport, takeWebHostToken } from '@/bridge/http-transport'

afterEach(() => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
})

describe('HTTP transport', () => {
  it('posts the arguments with the token and returns the result value', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: 42 })))
    vi.stubGlobal('fetch', fetch)
    const result = await createHttpTransport('t0k', 'http://host').invoke('settings:update', [
      { language: 'fr' },
    ])
    expect(result).toEqual({ ok: true, value: 42 })
    expect(fetch).toHaveBeenCalledWith('http://host/api/invoke/settings:update', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k' },
      body: '[{"language":"fr"}]',
    })
  })

  it('turns a dead host into an unavailable result instead of throwing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const result = await createHttpTransport('t').invoke('app:info', [])
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it('turns an answer that is not a bridge result into unavailable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>proxy error</html>', { status: 502 })),
    )
    const result = await createHttpTransport('t').invoke('app:info', [])
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it("takes the host's refusal of this page (its token) for unavailable, not the platform's", async () => {
    const refusal = { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token.' } }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(refusal), { status: 401 })),
    )
    const result = await createHttpTransport('old').invoke('messages:send', [])
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it('delivers server-sent events to the listeners of that event only', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const text =
          ': connected\n\nevent: settings:changed\ndata: {"values":{"language":"th"},"recovery":null}\n\nevent: app:navigationRequested\ndata: {"route":"settings"}\n\n'
        controller.enqueue(new TextEncoder().encode(text))
      },
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body)),
    )
    const transport = createHttpTransport('t')
    const settings = vi.fn()
    const stop = transport.subscribe('settings:changed', settings)
    await vi.waitFor(() => expect(settings).toHaveBeenCalledTimes(1))
    expect(settings).toHaveBeenCalledWith({ values: { language: 'th' }, recovery: null })
    stop()
  })

  it('takes the token out of the address bar and keeps it for this tab', () => {
    window.history.replaceState(null, '', '/?token=abc#/settings')
    expect(takeWebHostToken()).toBe('abc')
    expect(window.location.search).toBe('')
    expect(window.location.hash).toBe('#/settings')
    expect(takeWebHostToken()).toBe('abc')
  })
})
