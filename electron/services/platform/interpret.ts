import type { z } from 'zod'
import type { BridgeError } from '../../../shared/bridge/result'
import { parseEnvelopeText } from '../../../shared/platform'
import type { HttpOutcome } from './http'
import { parseRetryAfter } from './retry'
import type { PlatformResult } from './types'

// Turns one HTTP outcome into a typed result. The only place that decides what a status or a
// broken answer means, and when a write's fate is unknown.

/** What a failure after the request was written means for this kind of request. */
export type AmbiguityMeaning = 'retry_safe' | 'outcome_unknown'

export function interpret<S extends z.ZodType>(
  outcome: HttpOutcome,
  schema: S,
  ambiguity: AmbiguityMeaning,
  now: number,
): PlatformResult<z.output<S>> {
  const unknown = (reason: string, extra: Partial<BridgeError> = {}): PlatformResult<never> => ({
    ok: false,
    error: {
      ...extra,
      code: 'outcome_unknown',
      message: `The platform may or may not have applied this request (${reason}). Check before trying again.`,
    },
  })
  if (outcome.kind === 'failed') {
    if (outcome.ambiguous && ambiguity === 'outcome_unknown') {
      return unknown(outcome.error.message, { cause: outcome.error.cause, status: outcome.status })
    }
    return { ok: false, error: outcome.error }
  }
  const { status, headers } = outcome
  const parsed = parseEnvelopeText(outcome.text, schema, { status })
  if (parsed.ok)
    return { ok: true, value: parsed.data, ruid: parsed.ruid, warnings: parsed.warnings }
  const { ruid, errors } = parsed.error
  const platformCodes = errors.flatMap((problem) => (problem.code ? [problem.code] : []))
  const details = { ruid, status, platformCodes }
  if (parsed.error.kind === 'malformed') {
    const accepted = status >= 200 && status < 300
    if (accepted && ambiguity === 'outcome_unknown')
      return unknown('its answer was unreadable', details)
    const message = `The platform's answer is not in the expected shape (HTTP ${status}): ${parsed.error.message}.`
    return { ok: false, error: { code: 'malformed_response', message, ...details } }
  }
  const said = parsed.error.message
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now)
  if (status === 401) {
    return {
      ok: false,
      error: { code: 'unauthorized', message: `Not authorised: ${said}`, ...details },
    }
  }
  if (status === 404 || status === 410) {
    return { ok: false, error: { code: 'not_found', message: said, ...details } }
  }
  if (status === 429) {
    return { ok: false, error: { code: 'rate_limited', message: said, retryAfterMs, ...details } }
  }
  if (status === 503) {
    return {
      ok: false,
      error: { code: 'platform_unavailable', message: said, retryAfterMs, ...details },
    }
  }
  if (status >= 500) {
    // A gateway error or a crash may come after the platform applied a write.
    if (ambiguity === 'outcome_unknown') return unknown(`HTTP ${status}`, details)
    return { ok: false, error: { code: 'platform_unavailable', message: said, ...details } }
  }
  return { ok: false, error: { code: 'platform_refused', message: said, ...details } }
}
