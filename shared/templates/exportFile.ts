import { z } from 'zod'
import {
  fromZodIssue,
  importError,
  jsonPath,
  type ImportError,
  type PathSegment,
} from './importErrors'
import { templateSchema, type Template } from './model'
import { scheduleRuleSchema, type ScheduleRule } from './rules'
import { validateTemplate } from './validate'

// Import and export of templates as a JSON file (issue 8). Import never throws: it returns the
// data, or every error with its JSON path. An inactive template may carry placeholder errors (a
// draft); an active one may not, since a template with errors cannot be activated.

export const EXPORT_FORMAT = 'innbox-templates'
export const EXPORT_VERSION = 1

export const templateExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  templates: z.array(templateSchema),
  rules: z.array(scheduleRuleSchema).optional(),
})
export type TemplateExport = z.infer<typeof templateExportSchema>

export type TemplateImportResult =
  { ok: true; data: TemplateExport } | { ok: false; errors: ImportError[] }

export function serializeTemplateExport(
  templates: readonly Template[],
  rules: readonly ScheduleRule[] = [],
): string {
  const file: TemplateExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    templates: [...templates],
    rules: [...rules],
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Is this an Innbox file at all, and one this version reads? Checked first, alone. */
function headerErrors(input: unknown): ImportError[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [importError([], 'notAnExport')]
  }
  const { format, version } = input as Record<string, unknown>
  if (format !== EXPORT_FORMAT) return [importError(['format'], 'notAnExport')]
  if (version !== EXPORT_VERSION) {
    return [importError(['version'], 'unsupportedVersion', { version: String(version) })]
  }
  return []
}

function duplicates(ids: readonly string[], list: string): ImportError[] {
  const seen = new Set<string>()
  return ids.flatMap((id, index) => {
    const repeated = seen.has(id)
    seen.add(id)
    return repeated ? [importError([list, index, 'id'], 'duplicateId', { id })] : []
  })
}

/** An active template's issues, each at its place: the name, the variants, or one variant. */
function activeTemplateErrors(template: Template, index: number): ImportError[] {
  return validateTemplate(template).map((issue) => {
    const at: PathSegment[] = ['templates', index]
    if (issue.code === 'emptyName') at.push('name')
    else if (issue.variantIndex === null) at.push('variants')
    else
      at.push(
        'variants',
        issue.variantIndex,
        issue.code === 'duplicateLanguage' ? 'language' : 'body',
      )
    const offsets =
      issue.start === null || issue.end === null ? {} : { start: issue.start, end: issue.end }
    return {
      path: jsonPath(at),
      code: issue.code,
      key: issue.key,
      values: issue.values,
      ...offsets,
    }
  })
}

/** Errors zod's shape check cannot see: ids, references, ranges and active templates. */
function consistencyErrors(data: TemplateExport): ImportError[] {
  const rules = data.rules ?? []
  const templateIds = new Set(data.templates.map((t) => t.id))
  const errors = [
    ...duplicates(
      data.templates.map((t) => t.id),
      'templates',
    ),
    ...duplicates(
      rules.map((r) => r.id),
      'rules',
    ),
  ]
  rules.forEach((rule, index) => {
    if (!templateIds.has(rule.templateId)) {
      errors.push(
        importError(['rules', index, 'templateId'], 'unknownTemplate', { id: rule.templateId }),
      )
    }
    const { minNights, maxNights } = rule.conditions
    if (minNights !== null && maxNights !== null && minNights > maxNights) {
      errors.push(importError(['rules', index, 'conditions', 'minNights'], 'nightsRange'))
    }
  })
  data.templates.forEach((template, index) => {
    if (template.active) errors.push(...activeTemplateErrors(template, index))
  })
  return errors
}

/** Checks a parsed file: its data, or every error with its path. */
export function validateTemplateExport(input: unknown): TemplateImportResult {
  const header = headerErrors(input)
  if (header.length > 0) return { ok: false, errors: header }
  const parsed = templateExportSchema.safeParse(input)
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.flatMap((issue) => fromZodIssue(issue, input)) }
  }
  const errors = consistencyErrors(parsed.data)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: parsed.data }
}

/** Reads an export file's text. Never throws. */
export function parseTemplateExport(json: string): TemplateImportResult {
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch {
    return { ok: false, errors: [importError([], 'notJson')] }
  }
  return validateTemplateExport(input)
}
