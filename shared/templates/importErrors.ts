import type { z } from 'zod'
import type { TemplateErrorCode, TemplateErrorKey } from './errors'

// Turns schema problems into errors a person can act on: a JSON path (`$.templates[0].name`),
// a code with its string in `templates.json` under `import.<code>`, and the values it shows.

export const IMPORT_ERROR_CODES = [
  'notJson',
  'notAnExport',
  'unsupportedVersion',
  'missingField',
  'unknownField',
  'expectedText',
  'expectedNumber',
  'expectedWholeNumber',
  'expectedTrueFalse',
  'expectedList',
  'expectedObject',
  'emptyText',
  'invalidTime',
  'invalidLanguage',
  'invalidOption',
  'tooSmall',
  'tooLarge',
  'duplicateId',
  'unknownTemplate',
  'nightsRange',
  'invalidValue',
] as const
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number]

/**
 * One problem in an import file. An active template's own errors keep their template code and
 * string (`templates:errors.*`), with the body offsets for an error inside a text.
 */
export interface ImportError {
  /** Where in the file, as a JSON path: `$`, `$.templates[2].variants[0].language`. */
  path: string
  code: ImportErrorCode | TemplateErrorCode
  key: `templates:import.${ImportErrorCode}` | TemplateErrorKey
  values: Record<string, string | number>
  start?: number
  end?: number
}

export type PathSegment = string | number

export function jsonPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`
    return /^[A-Za-z_$][\w$]*$/.test(segment)
      ? `${text}.${segment}`
      : `${text}[${JSON.stringify(segment)}]`
  }, '$')
}

export function importError(
  path: readonly PathSegment[],
  code: ImportErrorCode,
  values: ImportError['values'] = {},
): ImportError {
  return { path: jsonPath(path), code, key: `templates:import.${code}`, values }
}

const EXPECTED: Record<string, ImportErrorCode> = {
  string: 'expectedText',
  number: 'expectedNumber',
  int: 'expectedWholeNumber',
  boolean: 'expectedTrueFalse',
  array: 'expectedList',
  object: 'expectedObject',
  record: 'expectedObject',
}

/** The value at `path` in `input`, and whether the last step exists at all. */
function lookup(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value: unknown = input
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      return { found: false, value: undefined }
    }
    value = (value as Record<PropertyKey, unknown>)[segment]
  }
  return { found: true, value }
}

const asPath = (path: readonly PropertyKey[]): PathSegment[] =>
  path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))

/** One or more import errors for one zod issue, read against the input it came from. */
export function fromZodIssue(issue: z.core.$ZodIssue, input: unknown): ImportError[] {
  const path = asPath(issue.path)
  switch (issue.code) {
    case 'invalid_type': {
      const field = path.at(-1)
      const { found, value } = lookup(input, issue.path)
      // A key set to `undefined` (possible from code, never from JSON) is as missing as an absent one.
      if ((!found || value === undefined) && field !== undefined) {
        return [importError(path, 'missingField', { field: String(field) })]
      }
      return [importError(path, EXPECTED[issue.expected] ?? 'invalidValue')]
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => importError([...path, key], 'unknownField', { field: key }))
    case 'invalid_value':
      return [importError(path, 'invalidOption', { options: issue.values.map(String).join(', ') })]
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : []
      return [importError(path, 'invalidOption', { options: options.map(String).join(', ') })]
    }
    case 'invalid_format':
      if (issue.message === 'time') return [importError(path, 'invalidTime')]
      if (issue.message === 'language') return [importError(path, 'invalidLanguage')]
      return [importError(path, 'invalidValue')]
    case 'invalid_key':
      return [importError(path, 'invalidLanguage')]
    case 'too_small':
      return issue.origin === 'string'
        ? [importError(path, 'emptyText')]
        : [importError(path, 'tooSmall', { minimum: Number(issue.minimum) })]
    case 'too_big':
      return [importError(path, 'tooLarge', { maximum: Number(issue.maximum) })]
    default:
      return [importError(path, 'invalidValue')]
  }
}
