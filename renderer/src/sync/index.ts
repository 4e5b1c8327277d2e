// The sync engine (issue 6): what a Pinia store creates with the real `desk` as the port.
export * from './port'
export * from './errors'
export * from './status'
export * from './engine'
export type { BootstrapProgress } from './bootstrap'
export type { DrainReport } from './outbox-drain'
export type { SyncMode } from './pull'
export type { SyncTrigger, Timers, EventSubscription } from './scheduler'
