import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyConversationUpdates,
  cancelOutboxRecord,
  enqueueMarkRead,
  enqueueNoReplyNeeded,
  purgeConversations,
  readCounters,
  recount,
  writeProperties,
  writeReservations,
  type InnboxDb,
} from '@/db'
import { HOUR, T0, freshDb, message, property, reservation } from './builders'

// The maintained counters must always equal a full recount, whatever the desk and the
// platform do, in whatever order, including writes racing each other.

const conversationIds = ['c1', 'c2', 'c3', 'c4']
const propertyIds = ['p1', 'p2']

type Op =
  | { kind: 'guest' | 'property'; conversation: string; property: string; n: number }
  | { kind: 'redeliver'; conversation: string }
  | { kind: 'readAll' | 'readTag'; conversation: string }
  | { kind: 'noReply'; conversation: string; set: boolean }
  | { kind: 'cancelLast' }
  | { kind: 'purge'; conversation: string }
  | { kind: 'reservation'; conversation: string; property: string }
  | { kind: 'race'; ops: [Op, Op] }

const conversation = fc.constantFrom(...conversationIds)
const prop = fc.constantFrom(...propertyIds)
const simple: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('guest', 'property'),
    conversation,
    property: prop,
    n: fc.nat(1000),
  }),
  fc.record({ kind: fc.constant('redeliver'), conversation }),
  fc.record({ kind: fc.constantFrom('readAll', 'readTag'), conversation }),
  fc.record({ kind: fc.constant('noReply'), conversation, set: fc.boolean() }),
  fc.record({ kind: fc.constant('cancelLast') }),
  fc.record({ kind: fc.constant('purge'), conversation }),
  fc.record({ kind: fc.constant('reservation'), conversation, property: prop }),
) as fc.Arbitrary<Op>
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: simple },
  { weight: 1, arbitrary: fc.tuple(simple, simple).map((ops): Op => ({ kind: 'race', ops })) },
)

let sequence = 0
async function run(db: InnboxDb, o: Op): Promise<void> {
  const now = T0 + sequence * HOUR
  sequence += 1
  switch (o.kind) {
    case 'guest':
    case 'property': {
      const id = `m${sequence}`
      const m = message({
        id,
        conversationId: o.conversation,
        propertyId: o.property,
        from: o.kind,
        at: T0 + o.n * HOUR,
      })
      await applyConversationUpdates(db, [{ conversationId: o.conversation, messages: [m] }])
      return
    }
    case 'redeliver': {
      const stored = await db.messages.toArray()
      const again = stored.filter((m) => m.conversationId === o.conversation).map((m) => m.message)
      await applyConversationUpdates(db, [{ conversationId: o.conversation, messages: again }])
      return
    }
    case 'readAll':
      await enqueueMarkRead(db, { propertyId: 'p1', conversationId: o.conversation }, { now })
      return
    case 'readTag': {
      const row = await db.conversations.get(o.conversation)
      const ids = (await db.messages.toArray())
        .filter((m) => m.conversationId === o.conversation)
        .map((m) => m.messageId)
      if (!row) return
      await applyConversationUpdates(db, [
        {
          conversationId: o.conversation,
          facts: {
            conversationType: 'reservation',
            reservationId: null,
            participants: [],
            tags: { message_read: { message_ids: ids.slice(0, 1) } },
            hydrated: false,
          },
        },
      ])
      return
    }
    case 'noReply':
      if (!(await db.conversations.get(o.conversation))) return
      await enqueueNoReplyNeeded(
        db,
        { propertyId: 'p1', conversationId: o.conversation, set: o.set },
        { now },
      )
      return
    case 'cancelLast': {
      const last = await db.outbox.orderBy('seq').last()
      if (last) await cancelOutboxRecord(db, last.id)
      return
    }
    case 'purge':
      await purgeConversations(db, [o.conversation], now)
      return
    case 'reservation':
      await writeReservations(db, o.property, [
        reservation(`r-${o.conversation}`, {
          propertyId: o.property,
          conversationId: o.conversation,
        }),
      ])
      return
    case 'race':
      await Promise.all(o.ops.map((inner) => run(db, inner)))
      return
  }
}

describe('maintained counters', () => {
  it('equal a full recount after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 18 }), async (ops) => {
        const db = freshDb()
        try {
          await writeProperties(
            db,
            propertyIds.map((id) => property(id)),
          )
          for (const o of ops) await run(db, o)
          const maintained = await readCounters(db)
          expect(await recount(db)).toEqual([])
          // The recount wrote what it found: the same values as were maintained.
          const nonZero = (rows: typeof maintained) =>
            rows
              .filter((r) => r.conversations > 0)
              .sort((a, b) => a.propertyId.localeCompare(b.propertyId))
          expect(nonZero(await readCounters(db))).toEqual(nonZero(maintained))
        } finally {
          db.close()
        }
      }),
      { numRuns: 40 },
    )
  }, 30_000)

  it('report drift when a row is written behind their back, and the recount repairs it', async () => {
    const db = freshDb()
    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        propertyId: 'p1',
        messages: [message({ id: 'm1', conversationId: 'c1', propertyId: 'p1' })],
      },
    ])
    const row = await db.conversations.get('c1')
    if (row) await db.conversations.put({ ...row, unreadCount: 5 })
    const drift = await recount(db)
    expect(drift).toEqual([
      {
        propertyId: 'p1',
        stored: { conversations: 1, unreadConversations: 1, unreadMessages: 1, needsReply: 1 },
        recounted: { conversations: 1, unreadConversations: 1, unreadMessages: 5, needsReply: 1 },
      },
    ])
    expect(await recount(db)).toEqual([])
    db.close()
  })
})
