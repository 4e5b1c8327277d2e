import type { PlaceholderKey } from './placeholders'

// Every problem the editor can show in a template, with its i18n key in
// `shared/locales/<lng>/templates.json` under `errors.<key>`. Values that must SHOW braces
// (`{{guest.name}}`, `}}`) carry the braces themselves: i18next reads `{{…}}` in a string as
// its own interpolation, so the strings never spell them literally.

export const BODY_ERROR_CODES = [
  'unknownPlaceholder',
  'emptyPlaceholder',
  'unclosedPlaceholder',
  'strayClosingBraces',
  'strayBrace',
] as const
export type BodyErrorCode = (typeof BODY_ERROR_CODES)[number]

export const TEMPLATE_ERROR_CODES = [
  ...BODY_ERROR_CODES,
  'emptyName',
  'noVariants',
  'missingDefaultVariant',
  'duplicateLanguage',
  'emptyBody',
  'bodyTooLong',
] as const
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number]

/** The string keys: `unknownPlaceholder` has a second one when a suggestion exists. */
export type TemplateErrorKey =
  `templates:errors.${TemplateErrorCode | 'unknownPlaceholderWithSuggestion'}`

export type ErrorValues = Record<string, string | number>

/** A problem in one body, at `[start, end)` (UTF-16 offsets, as the editor's selection). */
export interface BodyError {
  code: BodyErrorCode
  start: number
  end: number
  key: TemplateErrorKey
  values: ErrorValues
  /** For `unknownPlaceholder`: the key it most likely meant, for a one-click fix. */
  suggestion: PlaceholderKey | null
}

/** What the editor shows as an example of a well-formed placeholder. */
export const EXAMPLE_PLACEHOLDER = '{{guest.firstName}}'

export function bodyError(
  code: BodyErrorCode,
  start: number,
  end: number,
  values: ErrorValues = {},
  suggestion: PlaceholderKey | null = null,
): BodyError {
  const keyName = code === 'unknownPlaceholder' && suggestion ? `${code}WithSuggestion` : code
  return {
    code,
    start,
    end,
    key: `templates:errors.${keyName}` as TemplateErrorKey,
    values,
    suggestion,
  }
}
