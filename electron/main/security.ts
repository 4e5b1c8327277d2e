import type { Session, WebContents } from 'electron'

/** Hosts whose https pages may open in the user's browser; everything else stays closed. */
export const externalHostAllowList: readonly string[] = [
  'admin.booking.com',
  'partner.booking.com',
  'www.booking.com',
  'connect.booking.com',
]

/**
 * A link may leave the app only as plain https to an allowed host: no credentials in
 * the URL, no other scheme (`file:`, `javascript:`, custom protocol handlers that could
 * start programs), no look-alike host.
 */
export function isAllowedExternalUrl(
  raw: string,
  allowList: readonly string[] = externalHostAllowList,
): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false
  return allowList.includes(url.hostname.toLowerCase())
}

/** Camera, microphone, notifications prompts, geolocation…: the renderer gets none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/**
 * The window may never navigate away from the app nor open new windows; an allowed
 * https link goes to the system browser instead.
 */
export function guardNavigation(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}
