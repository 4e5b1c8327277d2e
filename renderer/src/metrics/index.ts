// The reply score off the page's thread (issue 10): see compute.ts for what is computed.
export * from './client'
export * from './compute'
