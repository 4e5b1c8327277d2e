import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  listRules,
  listTemplates,
  outboxOf,
  readDraft,
  recordScheduledSend,
  savePropertyFacts,
  type InnboxDb,
} from '@/db'
import { serializeTemplateExport, type Template } from '@shared/templates'
import { facts, rule, template } from '../db/template-builders'
import { addConversation, guestMessage, openDb, T0 } from '../features/conversation/world'

vi.mock('@/bridge', () => import('../features/conversation/fake-bridge'))
vi.mock('@/stores/inbox', () => import('../features/conversation/fake-inbox'))
const { useTemplatesStore, unfilledPlaceholders } = await import('@/stores/templates')
const { useComposerStore, DRAFT_SAVE_DELAY_MS } = await import('@/stores/composer')
const { useConversationStore } = await import('@/stores/conversation')
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

// Maria Silva (Portuguese) stays at p1 (Lisbon) 10–12 March 2025; now is 1 March.

const PARKING: Template = template('t-parking', {
  name: 'Parking',
  topic: 'parking',
  variants: [
    { language: 'en', body: 'Hello {{guest.firstName}}, parking: {{facts.parking}}.' },
    { language: 'pt', body: 'Olá {{guest.firstName}}, estacionamento: {{facts.parking}}.' },
  ],
})

let factory: IDBFactory
let db: InnboxDb

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  factory = new IDBFactory()
  db = openDb(factory, 'templates-store')
  await addConversation(db, { messages: [guestMessage('m1', 'Posso estacionar?')] })
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  db.close()
})

function stores() {
  setActivePinia(createPinia())
  const sync = useSyncStore()
  sync.db = db
  const flush = vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
  return { sync, flush, templates: useTemplatesStore() }
}

async function openComposer() {
  const { flush } = stores()
  const open = useConversationStore()
  const composer = useComposerStore()
  useInboxStore().selectConversation('c1')
  await vi.waitFor(() => {
    expect(open.conversation).not.toBeNull()
    expect(composer.ready).toBe(true)
  })
  return { composer, flush }
}

describe('the templates store', () => {
  it('reads stays to preview against only while a preview is on screen', async () => {
    const { templates } = stores()
    const reads = vi.spyOn(db.reservations, 'where')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(templates.previewCandidates).toEqual([])
    expect(reads).not.toHaveBeenCalled()
    const hide = templates.showPreview()
    await vi.waitFor(() => expect(templates.previewCandidates).toHaveLength(1))
    expect(reads).toHaveBeenCalled()
    hide()
    hide()
    await vi.waitFor(() => expect(templates.previewCandidates).toEqual([]))
  })

  it('saves a draft with errors, but never as active', async () => {
    const { templates } = stores()
    const broken = template('t1', { variants: [{ language: 'en', body: 'Hi {{guest.nmae}}' }] })
    expect(await templates.save(broken)).toBe(false)
    expect(await templates.save({ ...broken, active: false })).toBe(true)
    await vi.waitFor(() => expect(templates.templates.map((t) => t.id)).toEqual(['t1']))
  })

  it('exports every template and rule, and imports such a file back whole', async () => {
    const { templates } = stores()
    await templates.save(PARKING)
    await templates.saveRule(rule('r1', PARKING.id))
    await vi.waitFor(() => expect(templates.rules).toHaveLength(1))
    const file = templates.exportText()
    expect(JSON.parse(file)).toMatchObject({
      format: 'innbox-templates',
      templates: [{ id: 't-parking' }],
    })
    await templates.remove(PARKING.id)
    expect(await listRules(db)).toEqual([])
    const result = await templates.importText(file)
    expect(result.ok).toBe(true)
    expect((await listTemplates(db)).map((t) => t.name)).toEqual(['Parking'])
    expect((await listRules(db)).map((r) => r.ruleId)).toEqual(['r1'])
  })

  it('imports nothing from a file with errors, and says where each one is', async () => {
    const { templates } = stores()
    const bad = serializeTemplateExport([
      { ...PARKING, variants: [{ language: 'en', body: 'Hi {{guest.nmae}}' }] },
    ]).replace('"topic": "parking"', '"topic": "valet"')
    const result = await templates.importText(bad)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.templates[0].topic', 'invalidOption'],
    ])
    expect(await listTemplates(db)).toEqual([])
  })
})

describe('using a template in the composer', () => {
  it('inserts the variant in the guest’s language, filled, and leaves a missing value marked', async () => {
    const { composer } = await openComposer()
    const selection = await composer.insertTemplate(PARKING, { start: 0, end: 0 })
    expect(composer.text).toBe('Olá Maria, estacionamento: {{facts.parking}}.')
    expect(composer.templateNote).toBeNull()
    expect(composer.unfilled).toEqual([{ key: 'facts.parking', start: 27, end: 44 }])
    expect(selection).toEqual({ start: 27, end: 44 })
    expect(composer.canSend).toBe(false)
    expect(await composer.send()).toBe(false)
    expect(await outboxOf(db, 'c1')).toEqual([])
  })

  it('fills what the property facts know, so the reply can go at once, and remembers the template', async () => {
    await savePropertyFacts(
      db,
      facts('p1', {
        parking: { default: 'Behind the house', byLanguage: { pt: 'Atrás da casa' } },
      }),
      T0,
    )
    const { composer, flush } = await openComposer()
    await composer.insertTemplate(PARKING, { start: 0, end: 0 })
    expect(composer.text).toBe('Olá Maria, estacionamento: Atrás da casa.')
    expect(composer.canSend).toBe(true)
    expect(await composer.send()).toBe(true)
    expect(flush).toHaveBeenCalled()
    expect(await outboxOf(db, 'c1')).toMatchObject([
      {
        action: { content: 'Olá Maria, estacionamento: Atrás da casa.' },
        origin: { templateId: 't-parking', templateName: 'Parking', ruleId: null },
      },
    ])
  })

  it('falls back to the default language with a note when the guest’s has no version', async () => {
    const { composer } = await openComposer()
    const english = { ...PARKING, variants: [PARKING.variants[0]!] }
    await composer.insertTemplate(english, { start: 0, end: 0 })
    expect(composer.text.startsWith('Hello Maria')).toBe(true)
    expect(composer.templateNote).toEqual({ fellBackTo: 'en', wanted: 'pt' })
  })

  it('goes where the cursor is, and keeps the template with the draft after a restart', async () => {
    const { composer } = await openComposer()
    composer.updateText('Bom dia! ')
    await composer.insertTemplate(PARKING, { start: 9, end: 9 })
    composer.updateText(composer.text.replace('{{facts.parking}}', 'na rua'))
    vi.useRealTimers()
    await new Promise((resolve) => setTimeout(resolve, DRAFT_SAVE_DELAY_MS + 50))
    await composer.flushDraft()
    expect(await readDraft(db, 'c1')).toMatchObject({
      text: 'Bom dia! Olá Maria, estacionamento: na rua.',
      origin: { templateId: 't-parking' },
    })
    const reopened = await openComposer()
    expect(reopened.composer.origin).toMatchObject({ templateId: 't-parking' })
  })
})

describe('a draft a rule prepares', () => {
  const drafted = (content: string) => ({
    entry: {
      key: 'scheduled:r1:r-c1',
      ruleId: 'r1',
      templateId: 't-parking',
      reservationId: 'r-c1',
      propertyId: 'p1',
      conversationId: 'c1',
      dueAt: T0,
      expiresAt: T0 + 1_000_000,
    },
    outcome: { status: 'drafted' as const, content },
    origin: { templateId: 't-parking', templateName: 'Parking', ruleId: 'r1', trigger: null },
    decidedBy: 'scheduler' as const,
  })

  it('shows up in the open conversation while nothing is being written there', async () => {
    const { composer } = await openComposer()
    await recordScheduledSend(db, drafted('Olá Maria, estacionamento atrás da casa.'), T0)
    await vi.waitFor(() => expect(composer.text).toBe('Olá Maria, estacionamento atrás da casa.'))
    expect(composer.origin).toMatchObject({ ruleId: 'r1' })
  })

  it('never replaces what staff are typing', async () => {
    const { composer } = await openComposer()
    composer.updateText('Bom dia')
    await db.drafts.put({
      conversationId: 'c1',
      text: 'From a rule',
      startedAt: T0,
      updatedAt: T0,
      basePropertyMessageAt: null,
      origin: { templateId: 't', templateName: 'T', ruleId: 'r1', trigger: null },
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(composer.text).toBe('Bom dia')
  })
})

describe('placeholders left in a reply', () => {
  it('are every {{…}} pair, known or not, but not a lone brace', () => {
    expect(unfilledPlaceholders('Hi {{guest.name}} and {{whatever}} :-} {')).toEqual([
      { key: 'guest.name', start: 3, end: 17 },
      { key: null, start: 22, end: 34 },
    ])
    expect(unfilledPlaceholders('No braces here')).toEqual([])
  })
})
