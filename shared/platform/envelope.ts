import { z } from 'zod'

// The response envelope (PLATFORM.md, Transport): `{ meta: { ruid }, data, errors, warnings }`.
// Errors use the envelope too. Parsing never throws: a caller always gets a typed result.

/** An error or warning item as the platform reports it, normalised; plain JSON so it can cross IPC. */
export interface PlatformProblem {
  code: string | null
  message: string
  details?: unknown
}

/** One thing wrong with a response, `path` from the top of the body (e.g. `['data', 'messages', 0]`). */
export interface ParseIssue {
  path: (string | number)[]
  message: string
}

export interface MalformedError {
  /** The response is not what the schema says: a platform or sandbox bug, or a proxy in the way. */
  kind: 'malformed'
  ruid: string | null
  status: number | null
  message: string
  issues: ParseIssue[]
  errors: PlatformProblem[]
}

export interface PlatformError {
  /** The platform refused: `errors` is non-empty or the HTTP status says so. */
  kind: 'platform'
  ruid: string | null
  status: number | null
  message: string
  issues: ParseIssue[]
  errors: PlatformProblem[]
}

export type ParseError = MalformedError | PlatformError

export type ParseResult<T> =
  | { ok: true; data: T; ruid: string | null; warnings: PlatformProblem[] }
  | { ok: false; error: ParseError }

export interface ResponseContext {
  /** The HTTP status, when the caller has one; 4xx/5xx make the result a platform error. */
  status?: number
}

const MAX_ISSUES = 50

const problemSchema = z.union([
  z.string().transform((message): PlatformProblem => ({ code: null, message })),
  z
    .looseObject({
      code: z.union([z.string(), z.number()]).nullish(),
      message: z.string().nullish(),
      details: z.unknown().optional(),
    })
    .transform((item): PlatformProblem => {
      const problem: PlatformProblem = {
        code: item.code === null || item.code === undefined ? null : String(item.code),
        message: item.message ?? 'unspecified platform error',
      }
      if (item.details !== undefined) problem.details = item.details
      return problem
    }),
])

const envelopeFrameSchema = z.object({
  meta: z.object({ ruid: z.string().optional() }).loose().nullish(),
  data: z.unknown().optional(),
  errors: z.array(problemSchema).nullish(),
  warnings: z.array(problemSchema).nullish(),
})

/** Builds an envelope around `data`, for the sandbox and for tests. */
export function makeEnvelope<T>(
  data: T,
  ruid: string,
  extra: { errors?: PlatformProblem[]; warnings?: PlatformProblem[] } = {},
) {
  return { meta: { ruid }, data, errors: extra.errors ?? [], warnings: extra.warnings ?? [] }
}

function toIssues(error: z.ZodError, prefix: (string | number)[]): ParseIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    message: issue.message,
  }))
}

function malformed(
  message: string,
  issues: ParseIssue[],
  ruid: string | null = null,
  status: number | null = null,
): { ok: false; error: MalformedError } {
  return { ok: false, error: { kind: 'malformed', ruid, status, message, issues, errors: [] } }
}

function isHttpError(status: number | null): boolean {
  return status !== null && status >= 400
}

function readStatus(context: ResponseContext): number | null {
  return typeof context.status === 'number' && Number.isFinite(context.status)
    ? context.status
    : null
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

function readRuid(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const direct = (body as { ruid?: unknown }).ruid
  if (typeof direct === 'string') return direct
  const meta = (body as { meta?: unknown }).meta
  if (typeof meta !== 'object' || meta === null) return null
  const nested = (meta as { ruid?: unknown }).ruid
  return typeof nested === 'string' ? nested : null
}

function describe(thrown: unknown): string {
  try {
    return thrown instanceof Error ? thrown.message : String(thrown)
  } catch {
    return 'unknown failure'
  }
}
