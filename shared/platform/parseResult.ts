import { z } from 'zod'

// The result of parsing any platform response, and what the parsers share. Plain JSON
// throughout: results cross the IPC bridge.

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

export const problemSchema = z.union([
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

export const envelopeFrameSchema = z.object({
  meta: z.object({ ruid: z.string().optional() }).loose().nullish(),
  data: z.unknown().optional(),
  errors: z.array(problemSchema).nullish(),
  warnings: z.array(problemSchema).nullish(),
})

export function toIssues(error: z.ZodError, prefix: (string | number)[]): ParseIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    message: issue.message,
  }))
}

export function malformed(
  message: string,
  issues: ParseIssue[],
  ruid: string | null = null,
  status: number | null = null,
): { ok: false; error: MalformedError } {
  return { ok: false, error: { kind: 'malformed', ruid, status, message, issues, errors: [] } }
}

export function isHttpError(status: number | null): boolean {
  return status !== null && status >= 400
}

export function readStatus(context: ResponseContext): number | null {
  return typeof context.status === 'number' && Number.isFinite(context.status)
    ? context.status
    : null
}

export function describe(thrown: unknown): string {
  try {
    return thrown instanceof Error ? thrown.message : String(thrown)
  } catch {
    return 'unknown failure'
  }
}
