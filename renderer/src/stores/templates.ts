import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { presence } from '@/composables/presence'
import { useLiveQuery } from '@/composables/useLiveQuery'
import {
  deleteRule,
  deleteTemplate,
  importTemplates,
  listRules,
  listTemplates,
  messagesOf,
  previewReservations,
  readPropertyFacts,
  saveRule as saveRuleRecord,
  saveTemplate,
  type InnboxDb,
  type MessageOrigin,
  type PropertyRecord,
  type ReservationRecord,
  type ScheduleRuleRecord,
} from '@/db'
import { detectGuestLanguage } from '@/sync/scheduled-sends'
import type { Message } from '@shared/platform'
import {
  canActivate,
  parseTemplateBody,
  parseTemplateExport,
  pickVariant,
  renderContextFrom,
  renderTemplate,
  scheduleRuleSchema,
  serializeTemplateExport,
  templateSchema,
  type PlaceholderKey,
  type PropertyFacts,
  type ScheduleRule,
  type Template,
  type TemplateImportResult,
} from '@shared/templates'
import { useSyncStore } from './sync'

/** Today's date in UTC: the preview lists stays still writable around it (rule 1). */
const utcToday = () => new Date().toISOString().slice(0, 10)

/** The file name an export is offered under. */
export const EXPORT_FILE_NAME = 'innbox-templates.json'

/**
 * Message templates and their scheduled-send rules (issue 8): read live, saved as written
 * (a template with errors may be saved, never activated), exported and imported as a file.
 */
export const useTemplatesStore = defineStore('templates', () => {
  const sync = useSyncStore()
  const templates = useLiveQuery(
    () => sync.db,
    (db) => (db ? listTemplates(db) : Promise.resolve([] as Template[])),
    [] as Template[],
  ).value
  const ruleRecords = useLiveQuery(
    () => sync.db,
    (db) => (db ? listRules(db) : Promise.resolve([] as ScheduleRuleRecord[])),
    [] as ScheduleRuleRecord[],
  ).value
  const rules = computed(() => ruleRecords.value.map((record) => record.rule))
  const error = shallowRef<unknown>(null)

  // The editor's live preview: a reservation to render against, found by guest name. Read only
  // while a preview is on screen: the store also serves the composer's template picker, and
  // the candidates are every stay still writable in every property (tens of thousands at
  // hotel-group scale, read again after each reservation write; issue 11).
  const preview = ref({
    propertyIds: [] as string[],
    search: '',
    reservationId: null as string | null,
  })
  const previews = presence()
  /** A preview is on screen; call the answer when it leaves. */
  const showPreview = previews.show
  const previewDb = () => (previews.shown.value ? sync.db : null)
  const previewCandidates = useLiveQuery(
    () => ({ db: previewDb(), ...preview.value, reservationId: null }),
    ({ db, propertyIds, search }) =>
      db
        ? previewReservations(db, { propertyIds, search, from: utcToday(), limit: 30 })
        : Promise.resolve([] as ReservationRecord[]),
    [] as ReservationRecord[],
  ).value
  const previewTarget = useLiveQuery(
    () => ({
      db: previewDb(),
      id: preview.value.reservationId,
      propertyIds: preview.value.propertyIds,
    }),
    ({ db, id, propertyIds }) => (db ? previewFacts(db, id, propertyIds) : Promise.resolve(null)),
    null as PreviewFacts | null,
  ).value

  async function write(action: (db: InnboxDb) => Promise<void>): Promise<boolean> {
    const db = sync.db
    if (!db) return false
    try {
      await action(db)
      error.value = null
      return true
    } catch (failure) {
      error.value = failure
      return false
    }
  }

  /** Saves the template as written; an active one must have no issue (it would be used). */
  function save(template: Template): Promise<boolean> {
    const parsed = templateSchema.safeParse(template)
    if (!parsed.success || (parsed.data.active && !canActivate(parsed.data))) {
      return Promise.resolve(false)
    }
    return write((db) => saveTemplate(db, parsed.data, Date.now()))
  }

  function remove(templateId: string): Promise<boolean> {
    return write((db) => deleteTemplate(db, templateId))
  }

  function saveRule(rule: ScheduleRule): Promise<boolean> {
    const parsed = scheduleRuleSchema.safeParse(rule)
    if (!parsed.success) return Promise.resolve(false)
    return write((db) => saveRuleRecord(db, parsed.data, Date.now()))
  }

  function removeRule(ruleId: string): Promise<boolean> {
    return write((db) => deleteRule(db, ruleId))
  }

  /** The JSON file of every template and rule. */
  function exportText(): string {
    return serializeTemplateExport(templates.value, rules.value)
  }

  /** Checks the file and saves it all, or nothing with every error and its JSON path. */
  async function importText(text: string): Promise<TemplateImportResult> {
    const result = parseTemplateExport(text)
    if (!result.ok) return result
    const { templates: imported, rules: importedRules = [] } = result.data
    const saved = await write((db) => importTemplates(db, imported, importedRules, Date.now()))
    return saved ? result : { ok: false, errors: [] }
  }

  return {
    templates,
    rules,
    ruleRecords,
    error,
    preview,
    previewCandidates,
    previewTarget,
    showPreview,
    save,
    remove,
    saveRule,
    removeRule,
    exportText,
    importText,
  }
})

/** What the editor's preview renders against: a property, and a reservation when one is picked. */
export interface PreviewFacts extends ConversationFacts {
  facts: PropertyFacts | null
}

async function previewFacts(
  db: InnboxDb,
  reservationId: string | null,
  propertyIds: readonly string[],
): Promise<PreviewFacts | null> {
  const reservation = reservationId ? ((await db.reservations.get(reservationId)) ?? null) : null
  const propertyId = reservation?.propertyId ?? propertyIds[0]
  const property = propertyId
    ? await db.properties.get(propertyId)
    : await db.properties.orderBy('propertyId').first()
  if (!property) return null
  const messages = reservation
    ? (await messagesOf(db, reservation.conversationId)).map((m) => m.message)
    : []
  return {
    property,
    reservation,
    messages,
    facts: await readPropertyFacts(db, property.propertyId),
  }
}

/** What the composer inserts for one conversation. */
export interface TemplateInsertion {
  text: string
  origin: MessageOrigin
  /** The variant's language when the guest's had none (show a note), else null. */
  fellBackTo: string | null
  /** The guest's language that had no variant; null when it is not known at all. */
  wanted: string | null
}

export interface ConversationFacts {
  property: PropertyRecord
  reservation: ReservationRecord | null
  messages: readonly Message[]
}

/**
 * A template filled for the open conversation: the variant in the guest's language (the
 * reservation's, else detected from their messages), else the default. A placeholder without
 * a value stays in the text as `{{key}}`, so the composer highlights it and blocks Send until
 * staff fill it: the guest never gets a raw placeholder or a gap.
 */
export async function renderForConversation(
  db: InnboxDb,
  template: Template,
  { property, reservation, messages }: ConversationFacts,
): Promise<TemplateInsertion | null> {
  const reservationLanguage = reservation?.reservation.guest_language ?? null
  const guestTexts = messages
    .filter((m) => m.sender.metadata.participant_type === 'guest')
    .map((m) => m.content)
  const detected = reservationLanguage ? null : await detectGuestLanguage(guestTexts)
  const picked = pickVariant(template, reservationLanguage, detected)
  if (!picked) return null
  const facts = await readPropertyFacts(db, property.propertyId)
  const context = renderContextFrom({
    property: property.property,
    facts,
    reservation: reservation?.reservation ?? null,
  })
  const rendered = renderTemplate(picked.variant.body, context, picked.variant.language)
  const text = rendered.segments
    .map((segment) =>
      segment.kind === 'missing'
        ? `{{${segment.key}}}`
        : segment.kind === 'invalid'
          ? ''
          : segment.text,
    )
    .join('')
  return {
    text,
    origin: { templateId: template.id, templateName: template.name, ruleId: null, trigger: null },
    fellBackTo: picked.fellBack ? picked.variant.language : null,
    wanted: picked.wanted,
  }
}

/** A placeholder left in a reply: it must be replaced before sending. */
export interface UnfilledPlaceholder {
  /** The known key, or null for a `{{…}}` Innbox does not know. */
  key: PlaceholderKey | null
  start: number
  end: number
}

const BRACED_ERRORS = new Set(['unknownPlaceholder', 'emptyPlaceholder'])

/** Every `{{…}}` left in `text`: a guest must never receive one (issue 8). */
export function unfilledPlaceholders(text: string): UnfilledPlaceholder[] {
  if (!text.includes('{{')) return []
  const { tokens, errors } = parseTemplateBody(text)
  const found: UnfilledPlaceholder[] = tokens.flatMap((token) =>
    token.kind === 'placeholder' ? [{ key: token.key, start: token.start, end: token.end }] : [],
  )
  for (const error of errors) {
    if (BRACED_ERRORS.has(error.code)) found.push({ key: null, start: error.start, end: error.end })
  }
  return found.sort((a, b) => a.start - b.start)
}
