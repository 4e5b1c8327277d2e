import type { z } from 'zod'
import type { BridgeError, BridgeErrorDetails } from '../../../shared/bridge/result'
import { parseEnvelopeText } from '../../../shared/platform'
import type { HttpOutcome } from './http'
import { parseRetryAfter } from './retry'
import { platformCodeDetails, problem } from './types'
import type { PlatformResult } from './types'

// Turns one HTTP outcome into a typed result. The only place that decides what a status or a
// broken answer means, and when a write's fate is unknown.

/** What a failure after the request was written means for this kind of request. */
export type AmbiguityMeaning = 'retry_safe' | 'unknown_outcome'

const failed = (error: BridgeError): PlatformResult<never> => ({ ok: false, error })

function unknownOutcome(reason: string, details: BridgeErrorDetails): PlatformResult<never> {
  const message = `The platform may or may not have applied this request (${reason}). Check before trying again.`
  return failed(problem('unknown_outcome', message, details))
}

export function interpret<S extends z.ZodType>(
  outcome: HttpOutcome,
  schema: S,
  ambiguity: AmbiguityMeaning,
  now: number,
): PlatformResult<z.output<S>> {
  if (outcome.kind === 'failed') {
    if (outcome.ambiguous && ambiguity === 'unknown_outcome') {
      const cause = outcome.error.details?.cause
      return unknownOutcome(outcome.error.message, { cause, status: outcome.status ?? undefined })
    }
    return failed(outcome.error)
  }
  const { status, headers } = outcome
  const parsed = parseEnvelopeText(outcome.text, schema, { status })
  if (parsed.ok) {
    return { ok: true, value: parsed.data, ruid: parsed.ruid, warnings: parsed.warnings }
  }
  const { ruid, errors } = parsed.error
  const codes = errors.flatMap((item) => (item.code ? [item.code] : []))
  const details: BridgeErrorDetails = { ruid, status, ...platformCodeDetails(codes) }
  if (parsed.error.kind === 'malformed') {
    const accepted = status >= 200 && status < 300
    if (accepted && ambiguity === 'unknown_outcome') {
      return unknownOutcome('its answer was unreadable', details)
    }
    const message = `The platform's answer is not in the expected shape (HTTP ${status}): ${parsed.error.message}.`
    return failed(problem('malformed_response', message, details))
  }
  const said = parsed.error.message
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now) ?? undefined
  if (status === 401) return failed(problem('auth_failed', `Not authorised: ${said}`, details))
  if (status === 404) return failed(problem('not_found', said, details))
  // Rule 3: past the read window the platform serves the conversation no more.
  if (status === 410) return failed(problem('expired', said, details))
  if (status === 429) return failed(problem('rate_limited', said, { ...details, retryAfterMs }))
  if (status === 503) {
    return failed(problem('platform_unavailable', said, { ...details, retryAfterMs }))
  }
  if (status >= 500) {
    // A gateway error or a crash may come after the platform applied a write.
    if (ambiguity === 'unknown_outcome') return unknownOutcome(`HTTP ${status}`, details)
    return failed(problem('platform_unavailable', said, details))
  }
  return failed(problem('platform_refused', said, details))
}
