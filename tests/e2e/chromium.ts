import { existsSync } from 'node:fs'

// The Chromium the browser tests and the benchmark drive (playwright.config.ts, tests/bench).

/**
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else Playwright's own installed
 * browser (a developer's Mac). CI never downloads a browser.
 */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Flags for a headless Chromium in a container without a GPU or a network beyond loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
