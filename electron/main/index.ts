import path from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, Notification, safeStorage, session } from 'electron'
import type { EventChannel } from '../../shared/bridge/channels'
import type { AppRoute } from '../../shared/bridge/schemas'
import { createDesk } from '../services/desk'
import { EmbeddedPlatform, sandboxBanner, startEmbeddedSandbox } from '../services/embedded-sandbox'
import type { Desk } from '../services/desk'
import { openFileLog } from '../services/logging/file-log'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { registerBridgeHandlers } from './ipc'
import { effectiveLanguage } from './language'
import { SafeStorageSecrets } from './safe-storage-secrets'
import { buildMenuTemplate, menuTranslator } from './menu'
import { ElectronNotifier } from './notifications'
import { denyAllPermissions } from './security'
import { createMainWindow, rendererLocation } from './window'

// Lifecycle only: what happens lives in the modules imported above.

const location = rendererLocation(process.env.ELECTRON_RENDERER_URL)
const preloadPath = path.join(__dirname, '../preload/index.js')
let mainWindow: BrowserWindow | null = null

function broadcast(event: EventChannel, payload: unknown): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload)
}

function navigate(route: AppRoute): void {
  broadcast('app:navigationRequested', { route })
}

async function applyMenu(desk: Desk): Promise<void> {
  const language = effectiveLanguage(
    (await desk.settings.snapshot()).values,
    app.getPreferredSystemLanguages(),
  )
  const template = buildMenuTemplate(menuTranslator(language), process.platform, navigate)
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    return
  }
  mainWindow = createMainWindow(preloadPath, location)
}

async function start(): Promise<void> {
  await app.whenReady()
  // Windows shows toast notifications only for an app with this id (electron-builder's appId).
  if (process.platform === 'win32') app.setAppUserModelId('app.innbox.desk')
  const userData = app.getPath('userData')
  const sandboxControl = app.commandLine.hasSwitch('sandbox-control')
  const embedded = new EmbeddedPlatform(() =>
    startEmbeddedSandbox({ userDataDir: userData, control: sandboxControl }),
  )
  const log = await openFileLog(path.join(userData, 'logs'))
  app.on('will-quit', () => void Promise.allSettled([embedded.close(), log.close()]))
  const desk = await createDesk({
    userDataDir: userData,
    host: 'electron',
    version: app.getVersion(),
    osLocale: app.getLocale(),
    secrets: new SafeStorageSecrets(path.join(userData, 'secrets.safe-storage.json'), safeStorage),
    embedded,
    log,
    notifier: new ElectronNotifier(Notification, showMainWindow),
  })
  // The built-in platform starts now when it is the desk's platform (or tests drive it).
  if (sandboxControl || (await desk.accounts.activeIsSandbox())) {
    // A platform that cannot start must not keep the desk from opening: the UI shows it
    // offline and the next request tries again.
    const sandbox = await embedded.ensure().catch((error: unknown) => {
      console.error('The built-in platform could not start:', error)
      return null
    })
    if (sandbox && sandboxControl) process.stdout.write(`${sandboxBanner(sandbox)}\n`)
  }
  serveRenderer(path.join(__dirname, '../renderer'))
  denyAllPermissions(session.defaultSession)
  registerBridgeHandlers(ipcMain, desk.handlers, location.isAppUrl)
  desk.events.subscribe((event, payload) => {
    broadcast(event, payload)
    if (event === 'settings:changed') void applyMenu(desk)
  })
  await applyMenu(desk)
  showMainWindow()
  app.on('activate', showMainWindow)
}

// Every renderer the app could ever create is sandboxed, not only the windows that ask for it.
app.enableSandbox()
registerAppScheme()

// One desk, one window: a second launch focuses the running app instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showMainWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  start().catch((error: unknown) => {
    console.error('Innbox could not start:', error)
    app.exit(1)
  })
}
