import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  applyConversationUpdates,
  saveTemplate,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { onRowsChanged, onTablesChanged, type ChangedKeys } from '@/db/table-changes'
import { T0, freshDb, message, property, reservation } from './builders'
import { template } from './template-builders'

let db: InnboxDb
beforeEach(() => {
  db = freshDb()
})
afterEach(() => db.close())

describe('table change signals', () => {
  it('tell of committed writes to the watched tables only, until unsubscribed', async () => {
    await db.open()
    const listener = vi.fn()
    const stop = onTablesChanged(db, ['conversations'], listener)
    await saveTemplate(db, template('t1'), T0)
    expect(listener).not.toHaveBeenCalled()
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })],
      },
    ])
    await vi.waitFor(() => expect(listener).toHaveBeenCalled())
    stop()
    listener.mockClear()
    await applyConversationUpdates(db, [
      {
        conversationId: 'c2',
        messages: [message({ id: 'm2', conversationId: 'c2', propertyId: 'p1' })],
      },
    ])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
  })

  it('ignore writes to another store of the same tables', async () => {
    const other = freshDb()
    const listener = vi.fn()
    const stop = onTablesChanged(db, ['conversations'], listener)
    await applyConversationUpdates(other, [
      {
        conversationId: 'c1',
        messages: [message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })],
      },
    ])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
    stop()
    other.close()
  })

  it('name the rows a write touched, and say "all" for a write over a range', async () => {
    await db.open()
    const signals: ChangedKeys[] = []
    const stop = onRowsChanged(db, 'conversations', (keys) => signals.push(keys))
    await applyConversationUpdates(
      db,
      ['c1', 'c2', 'c3'].map((id) => ({
        conversationId: id,
        messages: [message({ id: `m-${id}`, conversationId: id, propertyId: 'p1' })],
      })),
    )
    await vi.waitFor(() => expect(signals.length).toBeGreaterThan(0))
    const touched = new Set<string>()
    for (const keys of signals) {
      expect(keys).not.toBe('all')
      for (const key of keys as ReadonlySet<string>) touched.add(key)
    }
    expect([...touched].sort()).toEqual(['c1', 'c2', 'c3'])

    signals.length = 0
    await db.conversations.where('conversationId').startsWith('c').delete()
    await vi.waitFor(() => expect(signals).toContain('all'))

    signals.length = 0
    await db.conversations.clear()
    await vi.waitFor(() => expect(signals).toEqual(['all']))
    stop()
  })

  it('keep quiet about tables they do not watch', async () => {
    await db.open()
    const listener = vi.fn()
    const stop = onRowsChanged(db, 'conversations', listener)
    await saveTemplate(db, template('t1'), T0)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
    stop()
  })

  it('stay quiet when a sync run writes the properties it already had', async () => {
    await writeProperties(db, [property('p1'), property('p2')])
    const listener = vi.fn()
    const stop = onTablesChanged(db, ['properties'], listener)
    await writeProperties(db, [property('p1'), property('p2')])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
    await writeProperties(db, [property('p1', { name: 'Casa Nova' }), property('p2')])
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1))
    expect((await db.properties.get('p1'))?.name).toBe('Casa Nova')
    stop()
  })

  it('stay quiet when a sync run writes reservations it already had, and name the changed one', async () => {
    await writeProperties(db, [property('p1')])
    const stays = [
      reservation('r1', { propertyId: 'p1', conversationId: 'c1' }),
      reservation('r2', { propertyId: 'p1', conversationId: 'c2' }),
    ]
    await writeReservations(db, 'p1', stays)
    const listener = vi.fn<(keys: ChangedKeys) => void>()
    const stop = onRowsChanged(db, 'reservations', listener)
    const conversations = vi.fn()
    const stopConversations = onTablesChanged(db, ['conversations'], conversations)
    await writeReservations(db, 'p1', stays)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(listener).not.toHaveBeenCalled()
    expect(conversations).not.toHaveBeenCalled()
    await writeReservations(db, 'p1', [
      stays[0]!,
      reservation('r2', { propertyId: 'p1', conversationId: 'c2', status: 'cancelled' }),
    ])
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1))
    expect([...(listener.mock.calls[0]![0] as Set<string>)]).toEqual(['r2'])
    expect((await db.reservations.get('r2'))?.reservation.status).toBe('cancelled')
    stop()
    stopConversations()
  })
})
