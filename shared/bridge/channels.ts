/**
 * The names of every bridge channel. Kept free of any library so the sandboxed preload
 * can import it; contract.ts ties each name to its schemas, and the compiler rejects a
 * name without a contract entry or an entry without a name.
 *
 * Naming: `domain:verbObject` for requests, past-tense facts for events (STYLE.md).
 */
export const invokeChannels = [
  'app:info',
  'settings:get',
  'settings:update',
  'platform:status',
  'accounts:list',
  'accounts:test',
  'accounts:add',
  'accounts:remove',
  'accounts:activate',
  'properties:list',
  'reservations:list',
  'sync:pullLatest',
  'sync:confirm',
  'conversations:list',
  'conversations:get',
  'conversations:byReservation',
  'messages:send',
  'attachments:upload',
  'attachments:get',
  'tags:set',
  'tags:clear',
  'search:start',
  'search:result',
  'notifications:show',
  'outbox:readMirror',
  'outbox:saveMirror',
  'translation:status',
  'translation:configure',
  'translation:test',
  'translation:translate',
] as const

export const eventChannels = [
  'settings:changed',
  'app:navigationRequested',
  'platform:statusChanged',
  'accounts:changed',
  'notifications:clicked',
  'translation:changed',
] as const

export type InvokeChannel = (typeof invokeChannels)[number]
export type EventChannel = (typeof eventChannels)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (invokeChannels as readonly string[]).includes(value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (eventChannels as readonly string[]).includes(value)
}
