import { purgeExpired, readSyncState, writeSyncState, type PurgeReport } from '@/db'
import type { SyncContext } from './context'

// Rule 3 on a schedule: on start, then at most once a day, conversations past their read window
// leave the store (db/retention.ts says what goes and what becomes `failed`).

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000

/** Purges when forced (on start) or when the last purge is a day old; null when not due. */
export async function runRetentionIfDue(
  ctx: SyncContext,
  { force = false }: { force?: boolean } = {},
): Promise<PurgeReport | null> {
  const now = ctx.now()
  const last = await readSyncState(ctx.db, 'retentionRunAt')
  if (!force && last !== undefined && now - last < RETENTION_EVERY_MS) return null
  const report = await purgeExpired(ctx.db, now)
  await writeSyncState(ctx.db, 'retentionRunAt', now)
  return report
}
