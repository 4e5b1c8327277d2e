import type { z } from 'zod'

/**
 * A refusal: a 4xx (or a deliberate 5xx fault) with a stable machine-readable code and a
 * readable message. Thrown anywhere in a handler; the server turns it into an answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Further reasons for the same refusal, each its own `errors[]` entry. */
    readonly more: { code: string; message: string }[] = [],
  ) {
    super(message)
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, `${what}_not_found`, `No ${what.replace(/_/g, ' ')} with id "${id}".`)

/** Parses with a zod schema or refuses with `invalid_request` naming the first bad field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : where
  throw new ApiError(400, 'invalid_request', `Invalid ${path}: ${issue?.message ?? 'bad value'}.`)
}
