import { succeed } from './provider'
import type { TranslationResult } from './provider'

// Guest text and API keys travel in the request: over plain http they would be readable on
// every network hop. Plain http is allowed only to this machine (a self-hosted LibreTranslate
// on localhost, the test double), where no network is crossed.
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

function refuse(message: string): {
  ok: false
  error: { code: 'invalid_config'; field: 'baseUrl'; message: string }
} {
  return { ok: false, error: { code: 'invalid_config', field: 'baseUrl', message } }
}

/**
 * The service's base URL, checked: https (http only to loopback), no user name or password
 * in it (they would end up in logs), no query or fragment; a trailing slash is dropped so
 * endpoint paths can be appended.
 */
export function parseBaseUrl(raw: string): TranslationResult<URL> {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return refuse('The translation service address is not a valid URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('The translation service address must start with https://.')
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return refuse('The translation service must use https:// unless it runs on this machine.')
  }
  if (url.username || url.password) {
    return refuse('Put the API key in its own field, not in the service address.')
  }
  if (url.search || url.hash) {
    return refuse('The translation service address may not contain ? or #.')
  }
  url.pathname = url.pathname.replace(/\/+$/, '')
  return succeed(url)
}

/** The base URL with an endpoint path appended: `https://host/prefix` + `/translate`. */
export function endpoint(base: URL, path: string): string {
  return `${base.origin}${base.pathname}${path}`
}

/** What the settings page shows as the recipient: the host, with its port if not the default. */
export function recipientOf(base: URL): string {
  return base.host
}
