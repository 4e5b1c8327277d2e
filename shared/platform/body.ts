import type { z } from 'zod'
import {
  describe,
  envelopeFrameSchema,
  isHttpError,
  malformed,
  readStatus,
  toIssues,
  type ParseResult,
  type ResponseContext,
} from './parseResult'

// Bodies that are not wrapped in an envelope: the token exchange answers `{ jwt, ruid }`
// (PLATFORM.md, Transport).

/**
 * Parses a body that is not wrapped in an envelope (the token exchange answers `{ jwt, ruid }`).
 * Never throws.
 */
export function parseBody<S extends z.ZodType>(
  body: unknown,
  schema: S,
  context: ResponseContext = {},
): ParseResult<z.output<S>> {
  const status = readStatus(context)
  try {
    const ruid = readRuid(body)
    if (isHttpError(status)) {
      const frame = envelopeFrameSchema.safeParse(body)
      const errors = frame.success ? (frame.data.errors ?? []) : []
      const message = errors[0]?.message ?? `HTTP ${status ?? 'error'}`
      return { ok: false, error: { kind: 'platform', ruid, status, message, issues: [], errors } }
    }
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      return malformed(
        'response does not match the expected shape',
        toIssues(parsed.error, []),
        ruid,
        status,
      )
    }
    return { ok: true, data: parsed.data, ruid, warnings: [] }
  } catch (thrown) {
    return malformed(`response could not be read: ${describe(thrown)}`, [], null, status)
  }
}

function readRuid(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const direct = (body as { ruid?: unknown }).ruid
  if (typeof direct === 'string') return direct
  const meta = (body as { meta?: unknown }).meta
  if (typeof meta !== 'object' || meta === null) return null
  const nested = (meta as { ruid?: unknown }).ruid
  return typeof nested === 'string' ? nested : null
}
