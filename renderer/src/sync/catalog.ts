import {
  readSyncState,
  writeProperties,
  writeReservations,
  writeSyncState,
  type WriteReservationsOptions,
} from '@/db'
import { done, stopped, type Step, type SyncContext } from './context'
import { classify } from './errors'
import { propertiesOf, reservationsPage } from './port'

// Properties and reservations: the account's catalogue, refreshed on every run.

/** [ours] Reservations changed shortly before our last fetch are asked for again: clocks differ. */
export const RESERVATION_OVERLAP_MS = 5 * 60 * 1000
const MAX_RESERVATION_PAGES = 50

export async function refreshProperties(ctx: SyncContext): Promise<Step<string[]>> {
  const answer = await ctx.port.properties.list()
  if (!answer.ok) return stopped(classify(answer.error))
  const properties = propertiesOf(answer.value)
  await writeProperties(ctx.db, properties)
  return done(properties.map((p) => p.property_id))
}

/**
 * Reservations changed since the last fetch of each property (all of them the first time);
 * answers how many were written.
 */
export async function pullReservations(
  ctx: SyncContext,
  propertyIds: readonly string[],
  options: WriteReservationsOptions = {},
): Promise<Step<number>> {
  let written = 0
  for (const propertyId of propertyIds) {
    const syncedAt = (await readSyncState(ctx.db, 'reservationsSyncedAt')) ?? {}
    const since = syncedAt[propertyId]
    const startedAt = ctx.now()
    const updatedSince =
      since === undefined ? undefined : new Date(since - RESERVATION_OVERLAP_MS).toISOString()
    let pageId: string | undefined
    for (let page = 0; page < MAX_RESERVATION_PAGES; page += 1) {
      const answer = await ctx.port.reservations.list({
        propertyId,
        ...(updatedSince ? { updatedSince } : {}),
        ...(pageId ? { pageId } : {}),
      })
      if (!answer.ok) return stopped(classify(answer.error))
      const { reservations, nextPageId } = reservationsPage(answer.value)
      await writeReservations(ctx.db, propertyId, reservations, options)
      written += reservations.length
      if (!nextPageId) break
      pageId = nextPageId
    }
    const latest = (await readSyncState(ctx.db, 'reservationsSyncedAt')) ?? {}
    await writeSyncState(ctx.db, 'reservationsSyncedAt', { ...latest, [propertyId]: startedAt })
  }
  return done(written)
}
