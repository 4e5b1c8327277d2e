import { createDeskApi } from '@shared/bridge/client'
import type { DeskApi } from '@shared/bridge/contract'
import { createHttpTransport, takeWebHostToken } from './http-transport'

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the web host serves the page. */
    readonly innbox?: DeskApi
  }
}

/**
 * The one DeskApi of this page: Electron's preload object when it exists, else the same
 * contract over the web host's HTTP. Only stores and composables import this.
 */
export const desk: DeskApi = window.innbox ?? createDeskApi(createHttpTransport(takeWebHostToken()))

export type { DeskApi }
export type { BridgeError, BridgeResult } from '@shared/bridge/result'
