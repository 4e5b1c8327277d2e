import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, type InnboxDb } from '@/db'
import { hasFirstPage, readFirstPage } from '@/search/first-page'
import { noFilters, type ListQuery } from '@/search/list-model'
import { InboxReadModel } from '@/search/read-model'
import { DAY, HOUR, T0, freshDb, message, property } from '../db/builders'

// The list's first screen read from the indexes must be exactly the head of the list the read
// model computes from every row: same order (ties included), same count.

let db: InnboxDb
let model: InboxReadModel

const query = (patch: Partial<ListQuery> = {}): ListQuery => ({
  propertyId: 'all',
  filters: { ...noFilters },
  sort: 'replyDeadline',
  search: '',
  now: T0,
  ...patch,
})

/** 36 conversations over three properties: owed replies (open and past), answered ones, ties. */
async function seed(target: InnboxDb): Promise<void> {
  await writeProperties(target, [property('p1'), property('p2'), property('p3')])
  const updates = Array.from({ length: 36 }, (_, i) => {
    const conversationId = `c${String(i).padStart(2, '0')}`
    const propertyId = `p${(i % 3) + 1}`
    // Six conversations share each instant (two per property): ties by activity and deadline.
    const at = T0 - Math.floor(i / 6) * 13 * HOUR - (i % 4 === 1 ? 2 * DAY : 0)
    const messages = [message({ id: `m${i}`, conversationId, propertyId, at })]
    if (i % 3 === 2) {
      messages.push(
        message({ id: `r${i}`, conversationId, propertyId, from: 'property', at: at + HOUR }),
      )
    }
    return { conversationId, messages }
  })
  await applyConversationUpdates(target, updates)
}

beforeEach(async () => {
  db = freshDb()
  await seed(db)
  model = new InboxReadModel(
    db,
    () => {},
    () => {},
  )
  model.start()
  await vi.waitFor(() => expect(model.query(query()).loaded).toBe(true))
})
afterEach(() => {
  model.stop()
  db.close()
})

describe('the first page of the list', () => {
  const cases: Partial<ListQuery>[] = [
    {},
    { sort: 'lastActivity' },
    { propertyId: 'p2' },
    { propertyId: 'p3', sort: 'lastActivity' },
    { now: T0 + 2 * DAY },
  ]
  for (const patch of cases) {
    it(`is the head of the full list, with its size (${JSON.stringify(patch)})`, async () => {
      const full = model.query(query(patch))
      for (const size of [1, 2, 3, 4, 5, 7, 9, 13, 40]) {
        const first = await readFirstPage(db, query(patch), size)
        expect(first).not.toBeNull()
        expect(first!.ids).toEqual(full.ids.slice(0, size))
        expect(first!.total).toBe(full.total)
        expect(first!.loaded && first!.partial).toBe(true)
      }
    })
  }

  it('has owed replies and answered conversations to order in the seeded store', () => {
    const full = model.query(query({ filters: { ...noFilters, needsReply: true } }))
    expect(full.total).toBeGreaterThan(0)
    expect(full.total).toBeLessThan(36)
  })

  it('is not read for a search, a filter or the arrival sort', async () => {
    const narrowed: Partial<ListQuery>[] = [
      { search: 'text' },
      { sort: 'arrival' },
      { filters: { ...noFilters, unread: true } },
      { filters: { ...noFilters, needsReply: true } },
      { filters: { ...noFilters, stage: 'inHouse' } },
      { filters: { ...noFilters, arrivalFrom: '2025-03-01' } },
    ]
    for (const patch of narrowed) {
      expect(hasFirstPage(query(patch))).toBe(false)
      expect(await readFirstPage(db, query(patch))).toBeNull()
    }
    expect(hasFirstPage(query())).toBe(true)
  })
})
