// Calendar and time-zone helpers for pure code: instants are epoch milliseconds.
export * from './calendar'
export * from './zoned'
