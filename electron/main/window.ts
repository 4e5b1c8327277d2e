import { BrowserWindow, shell } from 'electron'
import { appEntryUrl, isAppUrl } from './app-protocol'
import { guardNavigation } from './security'

export interface RendererLocation {
  /** The URL the window loads: the dev server in development, the built file otherwise. */
  url: string
  /** Whether a URL belongs to the app (same file, or same dev-server origin). */
  isAppUrl(url: string): boolean
}

/** The built renderer over app://, or the dev server's origin during `electron-vite dev`. */
export function rendererLocation(devServerUrl?: string): RendererLocation {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin
    return {
      url: devServerUrl,
      isAppUrl: (url) => URL.canParse(url) && new URL(url).origin === origin,
    }
  }
  return { url: appEntryUrl, isAppUrl }
}

export function createMainWindow(preloadPath: string, location: RendererLocation): BrowserWindow {
  // The renderer is untrusted territory (it shows guests' text): isolated from Node,
  // sandboxed, and reaching the Node side only through the preload's `window.innbox`.
  // Written out literally at the constructor so a reviewer, and Electronegativity, can see
  // every option where the window is made (tests/unit/electron/main/window.test.ts).
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Innbox',
    show: false,
    backgroundColor: '#f4f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click on a link must not open it in a new window behind the guard.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  })
  guardNavigation(window.webContents, location.isAppUrl, (url) => void shell.openExternal(url))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(location.url)
  return window
}
