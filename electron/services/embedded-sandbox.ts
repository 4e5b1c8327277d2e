import path from 'node:path'
import { startSandbox } from '../../sandbox'
import type { RunningSandbox } from '../../sandbox'

export interface EmbeddedSandboxOptions {
  userDataDir: string
  /** Turn on the sandbox's control API (tests and demos drive the platform through it). */
  control: boolean
}

/**
 * The built-in stand-in platform, started by either host when no platform account is
 * configured: demo properties and guests on a free loopback port, its data kept in the
 * user-data folder so a desk finds the same conversations after a restart. The app talks to
 * it over HTTP exactly as it would to the real platform.
 */
export function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<RunningSandbox> {
  return startSandbox({
    dataDir: path.join(options.userDataDir, 'sandbox'),
    seed: 'demo',
    control: options.control,
    port: 0,
  })
}

/** The line tests read to find the embedded platform behind a running app. */
export const sandboxBanner = (sandbox: RunningSandbox): string =>
  `Sandbox platform at ${sandbox.url}`
