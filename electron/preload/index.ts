import { contextBridge, ipcRenderer } from 'electron'
import { createDeskApi } from '../../shared/bridge/client'
import type { DeskApi } from '../../shared/bridge/contract'

// The page gets exactly one object, `window.innbox`, with one named method per channel.
// ipcRenderer itself, and any generic invoke, stays on this side of the isolation wall.
const api = createDeskApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe: (event, listener) => {
    const relay = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, relay)
    return () => {
      ipcRenderer.removeListener(event, relay)
    }
  },
}) satisfies DeskApi

contextBridge.exposeInMainWorld('innbox', api)
