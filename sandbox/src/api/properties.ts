import { z } from 'zod'
import { isoInstantSchema } from '../../../shared/platform'
import { parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import type { ReservationRecord } from '../store/model'
import { decodePageId, encodePageId, requireProperty } from './common'
import { propertyWire, reservationWire } from './wire'

// The two account-level feeds (PLATFORM.md, Endpoints, tagged [ours]).

const RESERVATION_PAGE_SIZE = 200

/** `GET /properties`: what this machine account manages. */
export function listProperties(request: ApiRequest) {
  const { state } = request.runtime.store
  return {
    properties: state
      .managedPropertyIds(request.account)
      .map((id) => state.properties.get(id))
      .flatMap((property) => (property ? [propertyWire(property)] : [])),
  }
}

const reservationsQuerySchema = z.object({
  updated_since: isoInstantSchema.optional(),
  page_id: z.string().optional(),
})

/** `GET /properties/{property_id}/reservations?updated_since=`, oldest change first. */
export function listReservations(request: ApiRequest) {
  const property = requireProperty(request)
  const query = parseInput(reservationsQuerySchema, Object.fromEntries(request.query), 'query')
  const { state } = request.runtime.store
  const since = query.updated_since
  const matching = (state.reservationsByProperty.get(property.property_id) ?? [])
    .map((id) => state.reservations.get(id))
    .filter(
      (r): r is ReservationRecord =>
        r !== undefined && (since === undefined || r.updated_at >= since),
    )
    .sort(byUpdate)
  const start = decodePageId(query.page_id ?? null)
  const page = matching.slice(start, start + RESERVATION_PAGE_SIZE)
  const end = start + page.length
  return {
    reservations: page.map((reservation) => reservationWire(state, reservation)),
    next_page_id: end < matching.length ? encodePageId(end) : null,
  }
}

function byUpdate(a: ReservationRecord, b: ReservationRecord): number {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? -1 : 1
  return a.reservation_id < b.reservation_id ? -1 : a.reservation_id > b.reservation_id ? 1 : 0
}
