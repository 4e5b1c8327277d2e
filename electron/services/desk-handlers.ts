import type { AppInfo } from '../../shared/bridge/schemas'
import type { Accounts } from './accounts/accounts'
import { createAccountHandlers } from './accounts/handlers'
import type { BridgeHandlers } from './bridge-dispatch'
import type { EventHub } from './event-hub'
import { createNotificationHandlers } from './notifications'
import { createOutboxMirrorHandlers, type OutboxMirrorStore } from './outbox-mirror'
import type { DesktopNotifier } from './notifications'
import type { PlatformConnection } from './platform/connection'
import { createPlatformHandlers } from './platform/handlers'
import type { SettingsStore } from './settings-store'
import { createTranslationHandlers } from './translation/handlers'
import type { TranslationService } from './translation/service'

export interface DeskServices {
  appInfo: AppInfo
  settings: SettingsStore
  events: EventHub
  accounts: Accounts
  connection: PlatformConnection
  notifier: DesktopNotifier
  translation: TranslationService
  outboxMirror: OutboxMirrorStore
}

/**
 * The handler table both hosts serve: the Electron IPC handlers and the web host's HTTP
 * routes call exactly these functions, so the UI behaves the same behind either.
 */
export function createDeskHandlers(services: DeskServices): BridgeHandlers {
  return {
    'app:info': async () => services.appInfo,
    'settings:get': () => services.settings.snapshot(),
    'settings:update': async (patch) => {
      const snapshot = await services.settings.update(patch)
      services.events.emit('settings:changed', snapshot)
      return snapshot
    },
    ...createAccountHandlers(services.accounts, services.connection, services.events),
    ...createPlatformHandlers(services.connection),
    ...createNotificationHandlers(services.notifier, services.events),
    ...createTranslationHandlers(services.translation, services.events),
    ...createOutboxMirrorHandlers(services.outboxMirror),
  }
}
