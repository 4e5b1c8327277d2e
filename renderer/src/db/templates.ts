import type { ScheduleRule, Template } from '@shared/templates'
import type { InnboxDb } from './schema'
import type { ScheduleRuleRecord, TemplateRecord } from './records'
import { writeTx } from './tx'

// Message templates and their scheduled-send rules (issue 8): only this desk holds them, so
// resync carries them over (resync.ts). A template is saved as written, errors and all (a
// draft); `canActivate` in shared/templates decides whether it may be active.

const byName = (a: Template, b: Template) =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** Every template, by name. */
export async function listTemplates(db: InnboxDb): Promise<Template[]> {
  const rows = await db.templates.toArray()
  return rows.map((row) => row.template).sort(byName)
}

export async function readTemplate(db: InnboxDb, templateId: string): Promise<Template | null> {
  return (await db.templates.get(templateId))?.template ?? null
}

export function saveTemplate(db: InnboxDb, template: Template, now: number): Promise<void> {
  const row: TemplateRecord = { templateId: template.id, template, updatedAt: now }
  return writeTx(db, db.templates, async () => {
    await db.templates.put(row)
  })
}

/** Deletes the template and the rules that send it (they could never send anything again). */
export function deleteTemplate(db: InnboxDb, templateId: string): Promise<void> {
  return writeTx(db, [db.templates, db.scheduleRules], async () => {
    await db.templates.delete(templateId)
    await db.scheduleRules.where('templateId').equals(templateId).delete()
  })
}

/** Every rule, in the order they were made. */
export async function listRules(db: InnboxDb): Promise<ScheduleRuleRecord[]> {
  const rows = await db.scheduleRules.toArray()
  return rows.sort((a, b) => a.activeSince - b.activeSince || a.ruleId.localeCompare(b.ruleId))
}

/** When the rule's messages start counting: see `ScheduleRuleRecord.activeSince`. */
function activeSince(rule: ScheduleRule, previous: ScheduleRuleRecord | undefined, now: number) {
  if (!previous) return now
  const switchedOn = rule.enabled && !previous.rule.enabled
  const retimed = JSON.stringify(rule.trigger) !== JSON.stringify(previous.rule.trigger)
  return switchedOn || retimed ? now : previous.activeSince
}

export function saveRule(db: InnboxDb, rule: ScheduleRule, now: number): Promise<void> {
  return writeTx(db, db.scheduleRules, async () => {
    const previous = await db.scheduleRules.get(rule.id)
    await db.scheduleRules.put({
      ruleId: rule.id,
      templateId: rule.templateId,
      rule,
      updatedAt: now,
      activeSince: activeSince(rule, previous, now),
    })
  })
}

export function deleteRule(db: InnboxDb, ruleId: string): Promise<void> {
  return writeTx(db, db.scheduleRules, () => db.scheduleRules.delete(ruleId))
}

/**
 * Saves an imported file's templates and rules in one transaction: all or nothing. A template
 * or rule with an id this desk already has is replaced (importing the same file twice changes
 * nothing). Imported rules count from now: they never catch up on messages due before.
 */
export function importTemplates(
  db: InnboxDb,
  templates: readonly Template[],
  rules: readonly ScheduleRule[],
  now: number,
): Promise<void> {
  return writeTx(db, [db.templates, db.scheduleRules], async () => {
    await db.templates.bulkPut(
      templates.map((template) => ({ templateId: template.id, template, updatedAt: now })),
    )
    for (const rule of rules) await saveRule(db, rule, now)
  })
}
