import { applySeed, defaultAccount } from '../bootstrap'
import { faultSettingsSchema } from '../faults'
import { parseInput } from '../http/errors'
import type { ControlRequest } from '../http/types'
import { clockSchema, requestsQuerySchema, resetSchema } from './schemas'

/** `POST /sandbox/reset { seed }` */
export async function reset(request: ControlRequest) {
  const { seed } = parseInput(resetSchema, request.body, 'body')
  await applySeed(request.runtime.store, request.runtime.clock, seed, true)
  const account = defaultAccount(request.runtime.store)
  return {
    ok: true,
    seed,
    account: account && { client_id: account.client_id, client_secret: account.client_secret },
  }
}

/** `GET /sandbox/clock` */
export function readClock(request: ControlRequest) {
  return { now: request.runtime.clock.nowIso() }
}

/** `POST /sandbox/clock { now? , advance_ms? }`: the offset is stored, so a restart keeps sandbox time. */
export async function moveClock(request: ControlRequest) {
  const body = parseInput(clockSchema, request.body ?? {}, 'body')
  const { clock, store } = request.runtime
  if (body.now !== undefined) clock.setNow(Date.parse(body.now))
  if (body.advance_ms !== undefined) clock.setOffset(clock.offset + body.advance_ms)
  await store.commit([{ type: 'clock_set', offset_ms: clock.offset }])
  return { now: clock.nowIso() }
}

/** `POST /sandbox/faults`: replaces the fault settings; `{}` clears them. */
export function setFaults(request: ControlRequest) {
  request.runtime.faults = parseInput(faultSettingsSchema, request.body ?? {}, 'body')
  return { faults: request.runtime.faults }
}

/**
 * `GET /sandbox/requests?after=N`: the Messaging API requests since `seq` N (all kept when
 * absent), each with its method, path, arrival time and how it ended, plus counters.
 */
export function listRequests(request: ControlRequest) {
  const after = parseInput(requestsQuerySchema, Object.fromEntries(request.query), 'query').after
  const log = request.runtime.requests
  return { requests: log.list(after ?? 0), counters: log.counters() }
}

/** `DELETE /sandbox/requests`: forgets the log (sequence numbers keep counting). */
export function clearRequests(request: ControlRequest) {
  request.runtime.requests.clear()
  return { ok: true }
}
