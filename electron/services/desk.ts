import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { AppInfo } from '../../shared/bridge/schemas'
import { AccountStore } from './accounts/account-store'
import { Accounts } from './accounts/accounts'
import { MemorySecrets } from './accounts/secret-store'
import type { SecretStore } from './accounts/secret-store'
import { describeApp } from './app-info'
import type { BridgeHandlers } from './bridge-dispatch'
import { createDeskHandlers } from './desk-handlers'
import { EmbeddedPlatform, startEmbeddedSandbox } from './embedded-sandbox'
import { EventHub } from './event-hub'
import { silentLog } from './logging/platform-log'
import { noDesktopNotifier } from './notifications'
import type { DesktopNotifier } from './notifications'
import type { PlatformLog } from './logging/platform-log'
import { OutboxMirrorStore } from './outbox-mirror'
import { PlatformConnection } from './platform/connection'
import type { ConnectionTuning } from './platform/connection'
import { SettingsStore } from './settings-store'
import { TranslationConfigStore } from './translation/config-store'
import type { TransportOptions } from './translation/http'
import { TranslationService } from './translation/service'

export interface DeskOptions {
  userDataDir: string
  host: AppInfo['host']
  version: string
  osLocale: string
  /** Where account secrets go; the hosts pass their own (safeStorage, a private file). */
  secrets?: SecretStore
  /** The built-in platform; by default started on first use, without its control API. */
  embedded?: EmbeddedPlatform
  /** The platform request log; the hosts pass the rotating file log. */
  log?: PlatformLog
  /** Timeouts, retries, the clock: for tests. */
  tuning?: ConnectionTuning
  /** Desktop notifications; the Electron app passes the OS's, the web host has none. */
  notifier?: DesktopNotifier
  /** The translation services' fetch and time limit: for tests. */
  translationTransport?: TransportOptions
}

export interface Desk {
  handlers: BridgeHandlers
  events: EventHub
  settings: SettingsStore
  appInfo: AppInfo
  accounts: Accounts
  connection: PlatformConnection
  embedded: EmbeddedPlatform
  translation: TranslationService
}

/** Wires the services once, the same way for the Electron app and the web host. */
export async function createDesk(options: DeskOptions): Promise<Desk> {
  // 0o700: the folder will hold guests' conversations and encrypted secrets.
  await mkdir(options.userDataDir, { recursive: true, mode: 0o700 })
  const events = new EventHub()
  const settings = new SettingsStore(path.join(options.userDataDir, 'settings.json'))
  const appInfo = describeApp(options)
  const embedded =
    options.embedded ??
    new EmbeddedPlatform(() =>
      startEmbeddedSandbox({ userDataDir: options.userDataDir, control: false }),
    )
  const secrets = options.secrets ?? new MemorySecrets()
  const accounts = new Accounts(
    new AccountStore(path.join(options.userDataDir, 'accounts.json')),
    secrets,
    embedded,
  )
  // The translation key sits in the same secret store as the accounts', under its own name.
  const translation = new TranslationService(
    new TranslationConfigStore(path.join(options.userDataDir, 'translation.json')),
    secrets,
    options.translationTransport,
  )
  const connection = new PlatformConnection(
    accounts,
    events,
    options.log ?? silentLog,
    options.tuning,
  )
  const handlers = createDeskHandlers({
    appInfo,
    settings,
    events,
    accounts,
    connection,
    notifier: options.notifier ?? noDesktopNotifier,
    translation,
    outboxMirror: new OutboxMirrorStore(path.join(options.userDataDir, 'outbox-mirror.json')),
  })
  return { events, settings, appInfo, accounts, connection, embedded, translation, handlers }
}
