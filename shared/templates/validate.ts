import { DEFAULT_POLICY_CONFIG } from '../policy'
import type { BodyError, ErrorValues, TemplateErrorCode, TemplateErrorKey } from './errors'
import type { Template } from './model'
import { parseTemplateBody } from './parse'

// Everything that keeps a template from being activated (issue 8: "a template with errors
// cannot be activated"), across all its variants, each with where to show it.

export interface TemplateIssue {
  code: TemplateErrorCode
  key: TemplateErrorKey
  values: ErrorValues
  /** The variant it belongs to (index into `variants`), or null for the template as a whole. */
  variantIndex: number | null
  /** Offsets in that variant's body, for errors inside the text. */
  start: number | null
  end: number | null
}

type Validated = Pick<Template, 'name' | 'defaultLanguage' | 'variants'>

const templateIssue = (
  code: TemplateErrorCode,
  values: ErrorValues = {},
  variantIndex: number | null = null,
): TemplateIssue => ({
  code,
  key: `templates:errors.${code}`,
  values,
  variantIndex,
  start: null,
  end: null,
})

const fromBodyError = (error: BodyError, variantIndex: number): TemplateIssue => ({
  code: error.code,
  key: error.key,
  values: error.values,
  variantIndex,
  start: error.start,
  end: error.end,
})

/** Every issue of the template, template-level ones first, then per variant in order. */
export function validateTemplate(
  template: Validated,
  maxTextLength: number = DEFAULT_POLICY_CONFIG.maxTextLength,
): TemplateIssue[] {
  const issues: TemplateIssue[] = []
  if (!template.name.trim()) issues.push(templateIssue('emptyName'))
  if (template.variants.length === 0) issues.push(templateIssue('noVariants'))
  else if (!template.variants.some((v) => v.language === template.defaultLanguage)) {
    issues.push(templateIssue('missingDefaultVariant', { language: template.defaultLanguage }))
  }
  const seen = new Set<string>()
  template.variants.forEach((variant, index) => {
    const { language, body } = variant
    if (seen.has(language)) issues.push(templateIssue('duplicateLanguage', { language }, index))
    seen.add(language)
    if (!body.trim()) issues.push(templateIssue('emptyBody', { language }, index))
    // Rule 11 [ours]: the body alone past the limit can never be sent, whatever fills it.
    if ([...body].length > maxTextLength) {
      issues.push(templateIssue('bodyTooLong', { language, count: maxTextLength }, index))
    }
    for (const error of parseTemplateBody(body).errors) issues.push(fromBodyError(error, index))
  })
  return issues
}

/** Only a template without any issue may be activated (and used by the picker or a rule). */
export function canActivate(template: Validated, maxTextLength?: number): boolean {
  return validateTemplate(template, maxTextLength).length === 0
}
