import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { AppInfo } from '../../shared/bridge/schemas'
import { describeApp } from './app-info'
import type { BridgeHandlers } from './bridge-dispatch'
import { createDeskHandlers } from './desk-handlers'
import { EventHub } from './event-hub'
import { SettingsStore } from './settings-store'

export interface DeskOptions {
  userDataDir: string
  host: AppInfo['host']
  version: string
  osLocale: string
}

export interface Desk {
  handlers: BridgeHandlers
  events: EventHub
  settings: SettingsStore
  appInfo: AppInfo
}

/** Wires the services once, the same way for the Electron app and the web host. */
export async function createDesk(options: DeskOptions): Promise<Desk> {
  // 0o700: the folder will hold guests' conversations and encrypted secrets.
  await mkdir(options.userDataDir, { recursive: true, mode: 0o700 })
  const events = new EventHub()
  const settings = new SettingsStore(path.join(options.userDataDir, 'settings.json'))
  const appInfo = describeApp(options)
  return { events, settings, appInfo, handlers: createDeskHandlers({ appInfo, settings, events }) }
}
