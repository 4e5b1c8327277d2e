import type { NotificationConstructorOptions } from 'electron'
import type { DesktopNotification } from '../../shared/bridge/schemas'
import type { DesktopNotifier } from '../services/notifications'

/** The parts of Electron's `Notification` class this module uses. */
export interface NotificationApi {
  isSupported(): boolean
  new (options: NotificationConstructorOptions): {
    show(): void
    close(): void
    on(event: 'click' | 'close' | 'failed', listener: () => void): unknown
  }
}

/**
 * Linux notification servers read the body (and some the title) as markup (the freedesktop
 * notification spec): a guest's `<b>` or `<a href>` would be rendered, a stray `<` can blank
 * the text. Escaping makes them plain text. macOS and Windows show text as it is.
 */
export function escapeNotificationMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Notifications are kept referenced until they close: a collected one never fires `click`. */
const MAX_LIVE = 50

/**
 * The Electron app's notifier: the main process's `Notification`. A click brings the window
 * to the front (restoring it when minimised, creating it when closed) and then reports the
 * conversation, which the UI opens.
 */
export class ElectronNotifier implements DesktopNotifier {
  readonly #live = new Set<InstanceType<NotificationApi>>()

  constructor(
    private readonly api: NotificationApi,
    private readonly focusWindow: () => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  isSupported(): boolean {
    return this.api.isSupported()
  }

  show({ title, body }: DesktopNotification, onClick: () => void): void {
    const plain = (text: string) =>
      this.platform === 'linux' ? escapeNotificationMarkup(text) : text
    const notification = new this.api({ title: plain(title), body: plain(body), silent: false })
    const forget = () => this.#live.delete(notification)
    notification.on('click', () => {
      forget()
      this.focusWindow()
      onClick()
    })
    notification.on('close', forget)
    notification.on('failed', forget)
    if (this.#live.size >= MAX_LIVE) {
      const oldest = this.#live.values().next().value
      if (oldest) {
        this.#live.delete(oldest)
        oldest.close()
      }
    }
    this.#live.add(notification)
    notification.show()
  }
}
