import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium'
import {
  startWebHost as startHost,
  stopWebHost as stopHost,
  type WebHostProcess,
} from '../e2e/fixtures'

// The real web host (out/main/web.js, with the embedded sandbox's control API), started by the
// browser tests' own fixture, and Debian's Chromium.

export interface WebHost extends WebHostProcess {
  origin: string
  sandboxUrl: string
}

export async function startWebHost(dataDir: string, port = 0): Promise<WebHost> {
  const host = await startHost(dataDir, {}, port)
  if (!host.sandboxUrl) {
    await stopHost(host)
    throw new Error('the web host printed no sandbox address')
  }
  return { ...host, origin: new URL(host.url).origin, sandboxUrl: host.sandboxUrl }
}

export const stopWebHost = (host: WebHost): Promise<void> => stopHost(host)

const CHROMIUM = {
  executablePath: chromiumPath(),
  args: [
    ...CHROMIUM_ARGS,
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
    // Timers of a page Playwright drives must not be throttled as a background tab's are.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
  ],
}

/** Chromium for contexts that start empty (incognito: their storage lives in memory). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM)
}

/**
 * A Chromium with a profile on disk, for the stored dataset: an incognito context keeps
 * IndexedDB in memory under a small quota, which 2,000,000 messages (`--scale 10`) exceed.
 */
export function launchPersistentChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    ...CHROMIUM,
    viewport: { width: 1440, height: 900 },
  })
}
