import type { DesktopNotification } from '../../shared/bridge/schemas'
import { BridgeFailure } from '../../shared/bridge/result'
import type { EventHub } from './event-hub'

/**
 * Desktop notifications, as the services see them. The Electron app implements it with the
 * main process's `Notification` (electron/main/notifications.ts); plain Node has nothing to
 * show one with, so the web host keeps `noDesktopNotifier` and the page falls back to the
 * browser's Notification API.
 */
export interface DesktopNotifier {
  /** Whether this host can show a notification at all. */
  isSupported(): boolean
  /** Shows one; `onClick` runs once if the user clicks it (after the window came to the front). */
  show(notification: DesktopNotification, onClick: () => void): void
}

export const noDesktopNotifier: DesktopNotifier = {
  isSupported: () => false,
  show: () => {
    throw new BridgeFailure('unavailable', 'This host cannot show desktop notifications.')
  },
}

/** `notifications:show`: a click is told to every open UI as `notifications:clicked`. */
export function createNotificationHandlers(notifier: DesktopNotifier, events: EventHub) {
  return {
    'notifications:show': async (notification: DesktopNotification): Promise<null> => {
      if (!notifier.isSupported()) {
        throw new BridgeFailure('unavailable', 'This host cannot show desktop notifications.')
      }
      const { conversationId } = notification
      notifier.show(notification, () => events.emit('notifications:clicked', { conversationId }))
      return null
    },
  }
}
