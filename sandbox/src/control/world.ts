import { ApiError, notFound, parseInput } from '../http/errors'
import type { ControlRequest } from '../http/types'
import { randomIds, reservationEvents } from '../factory'
import { commit } from '../api/common'
import type { AccountRecord, PropertyRecord } from '../store/model'
import {
  accountSchema,
  newPropertySchema,
  oneOrMany,
  propertyPatchSchema,
  reservationSchema,
} from './schemas'

/** `POST /sandbox/accounts`: creates or replaces a machine account. */
export async function putAccount(request: ControlRequest) {
  const body = parseInput(accountSchema, request.body, 'body')
  const { state } = request.runtime.store
  for (const id of body.property_ids ?? []) {
    if (!state.properties.has(id)) throw notFound('property', id)
  }
  const account: AccountRecord = {
    client_id: body.client_id,
    client_secret: body.client_secret,
    property_ids: body.property_ids ?? null,
  }
  await commit(request.runtime, [{ type: 'account_put', account }])
  return account
}

/** `POST /sandbox/properties` */
export async function createProperty(request: ControlRequest) {
  const body = parseInput(newPropertySchema, request.body, 'body')
  const { state } = request.runtime.store
  const propertyId = body.property_id ?? randomIds.digits(7)
  if (state.properties.has(propertyId)) {
    throw new ApiError(409, 'property_exists', `Property "${propertyId}" already exists.`)
  }
  const property: PropertyRecord = {
    property_id: propertyId,
    name: body.name,
    time_zone: body.time_zone,
    checkout_time: body.checkout_time ?? '11:00',
    links_disabled: body.links_disabled ?? false,
    approved_links: body.approved_links ?? [],
    participant_id: randomIds.uuid(),
  }
  await commit(request.runtime, [{ type: 'property_put', property }])
  return property
}

/** `PATCH /sandbox/properties/{property_id}` */
export async function patchProperty(request: ControlRequest) {
  const id = request.params.property_id ?? ''
  const existing = request.runtime.store.state.properties.get(id)
  if (!existing) throw notFound('property', id)
  const body = parseInput(propertyPatchSchema, request.body, 'body')
  const property: PropertyRecord = { ...existing }
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) Object.assign(property, { [key]: value })
  }
  await commit(request.runtime, [{ type: 'property_put', property }])
  return property
}

/** `POST /sandbox/reservations`: one object, or an array for bulk loads. */
export async function createReservations(request: ControlRequest) {
  const body = parseInput(oneOrMany(reservationSchema), request.body, 'body')
  const items = Array.isArray(body) ? body : [body]
  const { store, clock } = request.runtime
  for (const item of items) {
    if (!store.state.properties.has(item.property_id)) throw notFound('property', item.property_id)
    const existing = item.reservation_id
      ? store.state.reservations.get(item.reservation_id)
      : undefined
    if (existing && existing.property_id !== item.property_id) {
      throw new ApiError(
        409,
        'reservation_exists',
        `Reservation "${item.reservation_id}" belongs to another property.`,
      )
    }
  }
  const written: Promise<void>[] = []
  const results = items.map((item) => {
    const { events, reservation } = reservationEvents(store.state, item, randomIds, clock.nowIso())
    // Committed one by one (later items may update earlier ones) but fsynced together.
    written.push(commit(request.runtime, events))
    return {
      reservation_id: reservation.reservation_id,
      conversation_id: reservation.conversation_id,
    }
  })
  await Promise.all(written)
  return Array.isArray(body) ? results : results[0]
}
