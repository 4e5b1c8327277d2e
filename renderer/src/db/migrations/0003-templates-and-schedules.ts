import type { Transaction } from 'dexie'

// Version 3: message templates, scheduled-send rules, property facts and the record of what
// each rule did for each reservation (issue 8; PLATFORM.md rule 10).
//
// `templates` existed since version 1 as a placeholder (one body, one property). Its rows
// become templates in the shared model (shared/templates): the body is kept as an English
// variant and the template is made inactive, because its language is a guess and its body
// was never validated — staff look at it once and switch it on. The `propertyId` index goes:
// the picker reads every template (a desk has dozens) and filters by property itself.
//
// `scheduledSends` is keyed by `scheduledSendKey(ruleId, reservationId)`, the same id as the
// outbox record it sends: one row per rule and reservation is what keeps a rule from sending
// twice across restarts and windows.

export const version = 3

export const stores = {
  templates: 'templateId',
  scheduleRules: 'ruleId, templateId',
  propertyFacts: 'propertyId',
  scheduledSends: 'key, reservationId, ruleId',
} as const

/** The version 1 row: never written by a shipped screen, but a store may hold one. */
interface LegacyTemplateRow {
  templateId: string
  propertyId?: string | null
  name?: string
  body?: string
  updatedAt?: number
}

/** A version 1 template row in the version 3 shape; rows already in that shape pass through. */
export function upgradeTemplateRow(row: unknown): unknown {
  const legacy = row as LegacyTemplateRow & { template?: unknown }
  if (legacy.template !== undefined) return row
  const name = typeof legacy.name === 'string' && legacy.name.trim() ? legacy.name.trim() : null
  return {
    templateId: legacy.templateId,
    template: {
      id: legacy.templateId,
      name: name ?? legacy.templateId,
      topic: 'other',
      propertyIds: legacy.propertyId ? [legacy.propertyId] : [],
      defaultLanguage: 'en',
      variants: [{ language: 'en', body: typeof legacy.body === 'string' ? legacy.body : '' }],
      active: false,
    },
    updatedAt: typeof legacy.updatedAt === 'number' ? legacy.updatedAt : 0,
  }
}

export async function upgrade(tx: Transaction): Promise<void> {
  const templates = tx.table('templates')
  const rows = await templates.toArray()
  if (rows.length > 0) await templates.bulkPut(rows.map(upgradeTemplateRow))
}
