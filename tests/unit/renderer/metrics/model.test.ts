import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, purgeConversations, writeProperties, type InnboxDb } from '@/db'
import type { SnapshotSlot } from '@/db/snapshots'
import { MetricsModel, packIds, unpackIds, type MetricsModelSnapshot } from '@/metrics/model'
import { HOUR, T0, freshDb, message, property } from '../db/builders'
import { memoryPolicy, memorySlot } from '../db/memory-slot'

// The metrics worker's model over a real (fake-indexeddb) store: read whole at start, then
// following each write by the conversations it touched.

let db: InnboxDb
let model: MetricsModel

const messagesOf = (id: string) =>
  model
    .input()
    .conversations.find((entry) => entry.metrics.conversationId === id)
    ?.metrics.messages.map((item) => item.messageId)

beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [property('p1')])
  await applyConversationUpdates(
    db,
    ['c1', 'c2'].map((id) => ({
      conversationId: id,
      messages: [message({ id: `${id}-g`, conversationId: id, propertyId: 'p1', at: T0 - HOUR })],
    })),
  )
  model = new MetricsModel(
    db,
    () => {},
    (error) => {
      throw error
    },
  )
  model.start()
  await vi.waitFor(() => expect(model.loaded).toBe(true))
})

afterEach(() => {
  model.stop()
  db.close()
})

describe('the metrics model', () => {
  it('reads every conversation with its messages at start', () => {
    expect(messagesOf('c1')).toEqual(['c1-g'])
    expect(messagesOf('c2')).toEqual(['c2-g'])
    expect(model.input().properties).toEqual([
      expect.objectContaining({ propertyId: 'p1', timeZone: expect.any(String) }),
    ])
  })

  it('follows a reply, a new conversation and a purge', async () => {
    const version = model.version
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [
          message({ id: 'c1-p', conversationId: 'c1', propertyId: 'p1', from: 'property', at: T0 }),
        ],
      },
      {
        conversationId: 'c3',
        messages: [message({ id: 'c3-g', conversationId: 'c3', propertyId: 'p1', at: T0 })],
      },
    ])
    await vi.waitFor(() => expect(messagesOf('c1')).toEqual(['c1-g', 'c1-p']))
    expect(messagesOf('c3')).toEqual(['c3-g'])
    expect(messagesOf('c2')).toEqual(['c2-g'])
    expect(model.version).toBeGreaterThan(version)

    await purgeConversations(db, ['c2'], T0)
    await vi.waitFor(() => expect(messagesOf('c2')).toBeUndefined())
    expect(model.input().conversations).toHaveLength(2)
  })

  it('follows a renamed property without reading every conversation again', async () => {
    const version = model.version
    // Every row is read either at once or a page at a time in key order.
    const wholeReads = vi.spyOn(db.conversations, 'toArray')
    const pagedReads = vi.spyOn(db.conversations, 'orderBy')
    await writeProperties(db, [property('p1', { name: 'Casa Nova' })])
    await vi.waitFor(() =>
      expect(model.input().properties).toEqual([
        expect.objectContaining({ propertyId: 'p1', name: 'Casa Nova' }),
      ]),
    )
    expect(model.version).toBeGreaterThan(version)
    expect(wholeReads).not.toHaveBeenCalled()
    expect(pagedReads).not.toHaveBeenCalled()
    expect(messagesOf('c1')).toEqual(['c1-g'])
  })
})

describe('the metrics model kept between starts', () => {
  const modelWith = (slot: SnapshotSlot<MetricsModelSnapshot>, everyMs?: number) =>
    new MetricsModel(
      db,
      () => {},
      (error) => {
        throw error
      },
      memoryPolicy(slot, everyMs),
    )

  /** A start without a snapshot, until it has saved one; then the app is closed. */
  async function savedStart() {
    model.stop()
    const slot = memorySlot<MetricsModelSnapshot>()
    model = modelWith(slot)
    model.start()
    await vi.waitFor(() => expect(slot.saves).toBe(1))
    expect(model.restored).toBe(false)
    const before = model.input().conversations
    model.stop()
    return { slot, before }
  }

  it('saves its entries, and a later start restores them and reads only what changed since', async () => {
    const { slot, before } = await savedStart()

    // While the app was closed: a reply in c1 (an event that asks for no reply in c2 stays as is).
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [
          message({ id: 'c1-p', conversationId: 'c1', propertyId: 'p1', from: 'property', at: T0 }),
        ],
      },
    ])
    // A restored snapshot counts as just saved: what the start catches up waits the interval.
    model = modelWith(slot, 300)
    model.start()
    await vi.waitFor(() => expect(model.loaded).toBe(true))
    expect(model.restored).toBe(true)
    expect(slot.saves).toBe(1)
    expect(messagesOf('c1')).toEqual(['c1-g', 'c1-p'])
    // c2 came from the snapshot exactly as it was read.
    const c2 = (list: typeof before) => list.find((entry) => entry.metrics.conversationId === 'c2')
    expect(c2(model.input().conversations)).toEqual(c2(before))
    await vi.waitFor(() => expect(slot.saves).toBe(2))
  })

  it('catches up from the write numbers: rows written since its snapshot, and the ids of all', async () => {
    const { slot } = await savedStart()
    expect(slot.saved?.written).toBe(1)

    // While the app was closed: a reply in c1, a new conversation c3, c2 purged, and c4 stored
    // without a write number (as by a version before 6).
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [
          message({ id: 'c1-p', conversationId: 'c1', propertyId: 'p1', from: 'property', at: T0 }),
        ],
      },
      {
        conversationId: 'c3',
        messages: [message({ id: 'c3-g', conversationId: 'c3', propertyId: 'p1', at: T0 })],
      },
    ])
    await purgeConversations(db, ['c2'], T0)
    await applyConversationUpdates(db, [
      {
        conversationId: 'c4',
        messages: [message({ id: 'c4-g', conversationId: 'c4', propertyId: 'p1', at: T0 })],
      },
    ])
    const { written: _, ...unnumbered } = (await db.conversations.get('c4'))!
    await db.conversations.put(unnumbered)

    const everyRow = vi.spyOn(db.conversations, 'orderBy')
    model = modelWith(slot)
    model.start()
    await vi.waitFor(() => expect(model.loaded).toBe(true))
    expect(model.restored).toBe(true)
    expect(messagesOf('c1')).toEqual(['c1-g', 'c1-p'])
    expect(messagesOf('c2')).toBeUndefined()
    expect(messagesOf('c3')).toEqual(['c3-g'])
    expect(messagesOf('c4')).toEqual(['c4-g'])
    // No read of every row (allConversations pages through the table in key order).
    expect(everyRow).not.toHaveBeenCalled()
  })

  it('reads no ids when nothing was deleted since its snapshot', async () => {
    const { slot } = await savedStart()
    await applyConversationUpdates(db, [
      {
        conversationId: 'c3',
        messages: [message({ id: 'c3-g', conversationId: 'c3', propertyId: 'p1', at: T0 })],
      },
    ])
    // Every id is read through a collection of the whole table (and every row in key order).
    const everyId = vi.spyOn(db.conversations, 'toCollection')
    const everyRow = vi.spyOn(db.conversations, 'orderBy')
    model = modelWith(slot)
    model.start()
    await vi.waitFor(() => expect(model.loaded).toBe(true))
    expect(model.restored).toBe(true)
    expect(messagesOf('c3')).toEqual(['c3-g'])
    expect(model.input().conversations).toHaveLength(3)
    expect(everyId).not.toHaveBeenCalled()
    expect(everyRow).not.toHaveBeenCalled()
  })
})

describe('message ids in a snapshot', () => {
  const ids = ['m1', 'a-longer-id', 'é✓', 'x', '', 'm6', 'm7']

  it('come back as they were, across chunks', () => {
    for (const perChunk of [1, 2, 3, 7, 100]) {
      const packed = packIds(ids, perChunk)
      expect(packed.chunks).toHaveLength(Math.ceil(ids.length / perChunk))
      expect(unpackIds(packed.chunks, packed.lengths, perChunk)).toEqual(ids)
    }
    expect(unpackIds([], new Uint32Array(0))).toEqual([])
  })

  it('are refused when a chunk is missing or damaged', () => {
    const { chunks, lengths } = packIds(ids, 3)
    expect(() => unpackIds(chunks.slice(0, 2), lengths, 3)).toThrow(/missing/)
    expect(() => unpackIds([chunks[0]!, `${chunks[1]}x`, chunks[2]!], lengths, 3)).toThrow(
      /damaged/,
    )
  })
})
