import type { InnboxDb } from '@/db'
import type { Classified } from './errors'
import type { SyncPort } from './port'

/** What every step of the engine works with; `now` is injected so tests drive the clock. */
export interface SyncContext {
  db: InnboxDb
  port: SyncPort
  now: () => number
}

/** A step's outcome: a value, or the classified failure that stopped it. */
export type Step<T = void> = { ok: true; value: T } | { ok: false; failure: Classified }

export function done<T>(value: T): Step<T> {
  return { ok: true, value }
}

export function stopped(failure: Classified): Step<never> {
  return { ok: false, failure }
}
