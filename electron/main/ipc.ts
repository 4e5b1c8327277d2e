import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { invokeChannels } from '../../shared/bridge/channels'
import { failure } from '../../shared/bridge/result'
import { dispatch } from '../services/bridge-dispatch'
import type { BridgeHandlers } from '../services/bridge-dispatch'

/**
 * Registers one IPC handler per contract channel. The sender frame is checked here, once
 * for all channels: only the app's own top-level page may call, never an iframe or a page
 * the window was somehow navigated to. Arguments are validated by `dispatch`.
 */
export function registerBridgeHandlers(
  ipcMain: IpcMain,
  handlers: BridgeHandlers,
  isAppUrl: (url: string) => boolean,
): () => void {
  const isTrustedSender = (frame: WebFrameMain | null): boolean =>
    frame !== null && frame.parent === null && isAppUrl(frame.url)
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame)) {
        return failure('forbidden', 'Bridge calls are accepted from the app page only.')
      }
      return dispatch(handlers, channel, args, (name, error) =>
        console.error(`Bridge handler ${name} failed:`, error),
      )
    })
  }
  return () => invokeChannels.forEach((channel) => ipcMain.removeHandler(channel))
}
