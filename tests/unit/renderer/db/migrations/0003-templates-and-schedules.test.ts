import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import * as initial from '@/db/migrations/0001-initial'
import * as maintainedCounters from '@/db/migrations/0002-maintained-counters'
import { InnboxDb, SCHEMA_VERSION } from '@/db'
import { templateSchema } from '@shared/templates'
import { T0 } from '../builders'

const opened: Dexie[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

async function version2Store(
  factory: IDBFactory,
  name: string,
  fill: (db: Dexie) => Promise<void>,
) {
  const v2 = new Dexie(name, { indexedDB: factory, IDBKeyRange })
  v2.version(initial.version).stores(initial.stores)
  v2.version(maintainedCounters.version).stores(maintainedCounters.stores)
  await v2.open()
  await fill(v2)
  v2.close()
}

describe('migration 0003: templates and schedules', () => {
  it('turns version 1 template rows into inactive templates of the shared model', async () => {
    const factory = new IDBFactory()
    await version2Store(factory, 'upgrade-templates', async (v2) => {
      await v2.table('templates').bulkAdd([
        {
          templateId: 't1',
          propertyId: 'p1',
          name: ' Parking ',
          body: 'Park at the back.',
          updatedAt: T0,
        },
        {
          templateId: 't2',
          propertyId: null,
          name: '',
          body: 'Hi {{guest.nmae}}',
          updatedAt: T0 + 1,
        },
      ])
      await v2.table('drafts').add({
        conversationId: 'c1',
        text: 'Hi',
        startedAt: T0,
        updatedAt: T0,
        basePropertyMessageAt: null,
      })
    })

    const db = new InnboxDb('upgrade-templates', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    const rows = await db.templates.orderBy('templateId').toArray()
    expect(rows).toEqual([
      {
        templateId: 't1',
        updatedAt: T0,
        template: {
          id: 't1',
          name: 'Parking',
          topic: 'other',
          propertyIds: ['p1'],
          defaultLanguage: 'en',
          variants: [{ language: 'en', body: 'Park at the back.' }],
          active: false,
        },
      },
      {
        templateId: 't2',
        updatedAt: T0 + 1,
        template: {
          id: 't2',
          // A template needs a name: the id stands in until staff give it one.
          name: 't2',
          topic: 'other',
          propertyIds: [],
          defaultLanguage: 'en',
          variants: [{ language: 'en', body: 'Hi {{guest.nmae}}' }],
          active: false,
        },
      },
    ])
    // Every upgraded row is a valid template (its placeholder errors keep it inactive).
    for (const row of rows) expect(templateSchema.safeParse(row.template).success).toBe(true)
    expect(await db.drafts.count()).toBe(1)
  })

  it('adds the rule, facts and scheduled-send tables with the indexes their reads use', async () => {
    const factory = new IDBFactory()
    await version2Store(factory, 'new-tables', async () => {})
    const db = new InnboxDb('new-tables', { indexedDB: factory, IDBKeyRange })
    opened.push(db)
    await db.open()
    const indexes = (table: string) => db.table(table).schema.indexes.map((index) => index.name)
    expect(db.scheduleRules.schema.primKey.name).toBe('ruleId')
    expect(indexes('scheduleRules')).toEqual(['templateId'])
    expect(db.propertyFacts.schema.primKey.name).toBe('propertyId')
    expect(db.scheduledSends.schema.primKey.name).toBe('key')
    expect(indexes('scheduledSends').sort()).toEqual(['reservationId', 'ruleId'])
    // The picker filters templates by property itself: the version 1 index is gone.
    expect(indexes('templates')).toEqual([])
    expect(await db.templates.count()).toBe(0)
  })
})
