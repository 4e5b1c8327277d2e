import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { protocol } from 'electron'
import { contentSecurityPolicy } from '../../shared/security/csp'

/**
 * The built renderer is served from `app://innbox/`, not `file://`: the packaged app
 * turns off the fuse that gives file:// pages extra privileges (ES modules would not
 * load), and a file:// page could read any other local file it can name.
 */
export const appScheme = 'app'
export const appHost = 'innbox'
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export function isAppUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false
  const url = new URL(raw)
  return url.protocol === `${appScheme}:` && url.host === appHost
}

/** The file an app:// path names, or null when it would leave the renderer folder. */
export function resolveRendererFile(rendererDir: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const root = path.resolve(rendererDir)
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`)
  return file.startsWith(root + path.sep) ? file : null
}

/** Must run before the app is ready: the scheme behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export async function respondWithRendererFile(
  rendererDir: string,
  requestUrl: string,
): Promise<Response> {
  const url = new URL(requestUrl)
  const file = url.host === appHost ? resolveRendererFile(rendererDir, url.pathname) : null
  const type = file ? mimeTypes[path.extname(file)] : undefined
  if (!file || !type) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(file)
    return new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, (request) => respondWithRendererFile(rendererDir, request.url))
}
