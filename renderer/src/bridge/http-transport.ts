import type { BridgeTransport } from '@shared/bridge/client'
import type { BridgeResult } from '@shared/bridge/result'
import type { EventChannel } from '@shared/bridge/channels'
import { fromWire, toWire } from '@shared/bridge/wire'

const tokenKey = 'innbox.webHostToken'

/**
 * The web host hands out its per-launch token in the page URL (`?token=…`). Keep it for
 * this tab only and take it out of the address bar, so it is not bookmarked or shared.
 */
export function takeWebHostToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(tokenKey) ?? ''
}

function unavailable(message: string): BridgeResult<never> {
  return { ok: false, error: { code: 'unavailable', message } }
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  )
}

/** The DeskApi over the web host's HTTP routes, with one event stream shared by all listeners. */
export function createHttpTransport(token: string, baseUrl = ''): BridgeTransport {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  let stream: AbortController | null = null

  async function invoke(channel: string, args: unknown[]): Promise<BridgeResult<unknown>> {
    let response: Response
    try {
      response = await fetch(`${baseUrl}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        // Bytes (an attachment) travel as `{ "$bytes": "<base64>" }` inside the JSON.
        body: JSON.stringify(toWire(args)),
      })
    } catch {
      return unavailable('The web host did not answer.')
    }
    // The host's own refusal of this page (its token or origin), not the platform's answer
    // (those come with 200): a host started again under a living page has a new token. Taken
    // as the platform's `forbidden`, it made the outbox fail replies for good (a reply sent
    // after the host's restart, before this page was reloaded); as unavailable they wait.
    if (response.status === 401 || response.status === 403) {
      return unavailable('The web host no longer accepts this page: reload it.')
    }
    const body: unknown = fromWire(await response.json().catch(() => null))
    return isBridgeResult(body) ? body : unavailable(`The web host answered ${response.status}.`)
  }

  function dispatch(block: string): void {
    const event = /^event: (.+)$/m.exec(block)?.[1] as EventChannel | undefined
    const data = /^data: (.*)$/m.exec(block)?.[1]
    if (!event || data === undefined) return
    const payload: unknown = fromWire(JSON.parse(data))
    listeners.get(event)?.forEach((listener) => listener(payload))
  }

  async function readStream(controller: AbortController): Promise<void> {
    // fetch, not EventSource: EventSource cannot send the Authorization header.
    for (let attempt = 0; !controller.signal.aborted; attempt++) {
      try {
        const response = await fetch(`${baseUrl}/api/events`, {
          headers: { Authorization: `Bearer ${token}` },
          signal: controller.signal,
        })
        if (!response.ok || !response.body) throw new Error(String(response.status))
        attempt = 0
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          const blocks = buffer.split('\n\n')
          buffer = blocks.pop() ?? ''
          blocks.forEach(dispatch)
        }
      } catch {
        if (controller.signal.aborted) return
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)))
    }
  }

  function subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set.add(listener))
    if (!stream) {
      stream = new AbortController()
      void readStream(stream)
    }
    return () => {
      set.delete(listener)
      if ([...listeners.values()].every((s) => s.size === 0)) {
        stream?.abort()
        stream = null
      }
    }
  }

  return { invoke, subscribe }
}
