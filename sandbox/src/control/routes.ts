import { Router } from '../http/router'
import type { ControlHandler } from '../http/types'
import { createGuestMessages, listSent } from './messages'
import { clearRequests, listRequests, moveClock, readClock, reset, setFaults } from './ops'
import { createProperty, createReservations, patchProperty, putAccount } from './world'

/** The control API (tests and demos): only with `--control`, only from loopback; plain JSON. */
export function controlRoutes(): Router<ControlHandler> {
  return new Router<ControlHandler>()
    .add('POST', '/sandbox/reset', reset)
    .add('POST', '/sandbox/accounts', putAccount)
    .add('POST', '/sandbox/properties', createProperty)
    .add('PATCH', '/sandbox/properties/:property_id', patchProperty)
    .add('POST', '/sandbox/reservations', createReservations)
    .add('POST', '/sandbox/guest-messages', createGuestMessages)
    .add('GET', '/sandbox/clock', readClock)
    .add('POST', '/sandbox/clock', moveClock)
    .add('POST', '/sandbox/faults', setFaults)
    .add('GET', '/sandbox/sent', listSent)
    .add('GET', '/sandbox/requests', listRequests)
    .add('DELETE', '/sandbox/requests', clearRequests)
}
