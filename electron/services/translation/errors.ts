import type { TranslationError } from './provider'

/**
 * Error values with messages a person at the front desk can act on. A service's own error
 * text is kept (it often says what is wrong), but shortened and with the API key blanked
 * out, because some servers echo what they were sent and these messages reach logs and UI.
 */

const maxDetailLength = 200

export function redact(text: string, secrets: readonly string[]): string {
  let clean = text
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join('[key hidden]')
  }
  const oneLine = clean.replace(/\s+/g, ' ').trim()
  return oneLine.length > maxDetailLength ? `${oneLine.slice(0, maxDetailLength)}…` : oneLine
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function withDetail(message: string, detail: string): string {
  return detail ? `${message} (${detail})` : message
}

export function badKey(service: string, detail = ''): TranslationError {
  return { code: 'bad_key', message: withDetail(`${service} refused the API key.`, detail) }
}

export function quotaExhausted(service: string): TranslationError {
  return {
    code: 'quota_exhausted',
    message: `The ${service} account has used up its translation allowance for this period.`,
  }
}

export function rateLimited(service: string, retryAfterMs: number | null): TranslationError {
  const when =
    retryAfterMs === null ? 'later' : `in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`
  return {
    code: 'rate_limited',
    retryAfterMs,
    message: `${service} is receiving too many requests; try again ${when}.`,
  }
}

export function unsupportedPair(
  service: string,
  source: string | null,
  target: string,
  detail = '',
): TranslationError {
  const from = source ?? 'the detected language'
  return {
    code: 'unsupported_pair',
    source,
    target,
    message: withDetail(`${service} cannot translate from ${from} into ${target}.`, detail),
  }
}

export function providerError(service: string, status: number, detail = ''): TranslationError {
  return {
    code: 'provider_error',
    status,
    message: withDetail(`${service} answered with an error (HTTP ${status}).`, detail),
  }
}

export function malformed(service: string, detail: string): TranslationError {
  return { code: 'malformed_response', message: `${service} sent an unexpected answer: ${detail}.` }
}
