import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, shell } from '../../../support/electron-double'

vi.mock('electron', async () => {
  const double = await import('../../../support/electron-double')
  return { BrowserWindow: double.FakeBrowserWindow, shell: double.shell, protocol: {} }
})

const { createMainWindow, rendererLocation } = await import('../../../../electron/main/window')

beforeEach(() => {
  FakeBrowserWindow.created = []
  shell.openExternal.mockClear()
})

describe('main window', () => {
  it('isolates and sandboxes the renderer it creates', () => {
    createMainWindow('/app/preload.js', rendererLocation())
    expect(FakeBrowserWindow.created).toHaveLength(1)
    const prefs = FakeBrowserWindow.created[0]!.options.webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
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
      disableBlinkFeatures: 'Auxclick',
    })
    // Nothing that loosens the defaults: no extra blink features, no remote module, no
    // command-line switches handed to the renderer.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('enableRemoteModule')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('loads the built page over app:// and recognises only that origin as the app', () => {
    const location = rendererLocation()
    const window = createMainWindow('/p.js', location) as unknown as FakeBrowserWindow
    expect(window.loadedUrl).toBe('app://innbox/index.html')
    expect(location.isAppUrl('app://innbox/index.html#/settings')).toBe(true)
    expect(location.isAppUrl('app://evil/index.html')).toBe(false)
    expect(location.isAppUrl('file:///etc/passwd')).toBe(false)
    expect(location.isAppUrl('not a url')).toBe(false)
  })

  it('accepts the dev server origin only in development', () => {
    const location = rendererLocation('http://localhost:5173/')
    expect(location.isAppUrl('http://localhost:5173/#/settings')).toBe(true)
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false)
  })

  it('never navigates away from the app', () => {
    const window = createMainWindow('/p.js', rendererLocation()) as unknown as FakeBrowserWindow
    expect(window.webContents.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(window.webContents.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(window.webContents.fire('will-attach-webview')).toBe(true)
    expect(window.webContents.fire('will-navigate', 'app://innbox/index.html#/')).toBe(false)
  })

  it('denies every new window and sends only allowed https links to the browser', () => {
    const window = createMainWindow('/p.js', rendererLocation()) as unknown as FakeBrowserWindow
    const open = window.webContents.windowOpenHandler!
    expect(open({ url: 'https://admin.booking.com/hotel' })).toEqual({ action: 'deny' })
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://admin.booking.com/hotel')
  })
})
