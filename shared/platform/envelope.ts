import type { z } from 'zod'
import {
  describe,
  envelopeFrameSchema,
  isHttpError,
  malformed,
  readStatus,
  toIssues,
  type PlatformProblem,
  type ParseResult,
  type ResponseContext,
} from './parseResult'

// The response envelope (PLATFORM.md, Transport): `{ meta: { ruid }, data, errors, warnings }`.
// Errors use the envelope too. Parsing never throws: a caller always gets a typed result.

/** Builds an envelope around `data`, for the sandbox and for tests. */
export function makeEnvelope<T>(
  data: T,
  ruid: string,
  extra: { errors?: PlatformProblem[]; warnings?: PlatformProblem[] } = {},
) {
  return { meta: { ruid }, data, errors: extra.errors ?? [], warnings: extra.warnings ?? [] }
}

/**
 * Turns a decoded JSON body into typed data or a typed error. Never throws, whatever `body` is.
 * Order: an envelope that carries errors (or an HTTP error status) is a platform error; otherwise
 * `data` must match `dataSchema`.
 */
export function parseEnvelope<S extends z.ZodType>(
  body: unknown,
  dataSchema: S,
  context: ResponseContext = {},
): ParseResult<z.output<S>> {
  const status = readStatus(context)
  try {
    const frame = envelopeFrameSchema.safeParse(body)
    if (!frame.success) {
      return malformed(
        'response is not a Messaging API envelope',
        toIssues(frame.error, []),
        null,
        status,
      )
    }
    const ruid = frame.data.meta?.ruid ?? null
    const errors = frame.data.errors ?? []
    const warnings = frame.data.warnings ?? []
    if (errors.length > 0 || isHttpError(status)) {
      const message = errors[0]?.message ?? `HTTP ${status ?? 'error'}`
      return { ok: false, error: { kind: 'platform', ruid, status, message, issues: [], errors } }
    }
    const data = dataSchema.safeParse(frame.data.data)
    if (!data.success) {
      return malformed(
        'response data does not match the expected shape',
        toIssues(data.error, ['data']),
        ruid,
        status,
      )
    }
    return { ok: true, data: data.data, ruid, warnings }
  } catch (thrown) {
    return malformed(`response could not be read: ${describe(thrown)}`, [], null, status)
  }
}

/** `JSON.parse` then `parseEnvelope`; text that is not JSON is a malformed error. Never throws. */
export function parseEnvelopeText<S extends z.ZodType>(
  text: string,
  dataSchema: S,
  context: ResponseContext = {},
): ParseResult<z.output<S>> {
  const json = parseJson(text)
  if (!json.ok) return malformed(json.message, [], null, readStatus(context))
  return parseEnvelope(json.value, dataSchema, context)
}

function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof text !== 'string') return { ok: false, message: 'response body is not text' }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, message: 'response body is not JSON' }
  }
}
