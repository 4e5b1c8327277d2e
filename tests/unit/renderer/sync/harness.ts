import { IDBFactory } from 'fake-indexeddb'
import { outboxOf, type InnboxDb, type OutboxRecord } from '@/db'
import type { SyncContext } from '@/sync/context'
import { bootstrap } from '@/sync/bootstrap'
import { freshDb, property, reservation, T0 } from '../db/builders'
import { createFakePlatform, fakeClock, type FakeClock, type FakePlatform } from './fake-platform'

export interface World {
  clock: FakeClock
  platform: FakePlatform
  db: InnboxDb
  ctx: SyncContext
  factory: IDBFactory
}

/** Property p1 with the given conversations (each with a reservation), on the platform only. */
export function platformWorld(conversationIds: string[] = ['c1', 'c2'], pageSize = 2): World {
  const clock = fakeClock(T0)
  const platform = createFakePlatform(clock, { pageSize })
  platform.addProperty(property('p1'))
  for (const id of conversationIds) {
    platform.addConversation(id, 'p1')
    platform.addReservation(reservation(`r-${id}`, { propertyId: 'p1', conversationId: id }))
  }
  const factory = new IDBFactory()
  const db = freshDb(factory)
  return { clock, platform, db, factory, ctx: { db, port: platform.port, now: clock.now } }
}

/** The same, with the desk already bootstrapped. */
export async function syncedWorld(conversationIds: string[] = ['c1', 'c2']): Promise<World> {
  const world = platformWorld(conversationIds)
  const result = await bootstrap(world.ctx)
  if (!result.ok) throw new Error(`bootstrap failed: ${result.failure.code}`)
  world.platform.calls.length = 0
  return world
}

export async function statesOf(db: InnboxDb, conversationId: string): Promise<string[]> {
  return (await outboxOf(db, conversationId)).map((r: OutboxRecord) => r.state)
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
