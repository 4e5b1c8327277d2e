import path from 'node:path'
import { startSandbox } from '../../sandbox'
import type { RunningSandbox } from '../../sandbox'

export interface EmbeddedSandboxOptions {
  userDataDir: string
  /** Turn on the sandbox's control API (tests and demos drive the platform through it). */
  control: boolean
}

/**
 * The built-in stand-in platform, the desk's platform when no account is active: demo
 * properties and guests on a free loopback port, its data kept in the user-data folder so a
 * desk finds the same conversations after a restart. The app talks to it over HTTP exactly
 * as it would to the real platform.
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

/**
 * Starts the built-in platform once, when it is first needed (at launch when it is the
 * active account, or when the user switches to it), and stops it with the host.
 */
export class EmbeddedPlatform {
  #running: RunningSandbox | null = null
  #starting: Promise<RunningSandbox> | null = null

  constructor(private readonly launch: () => Promise<RunningSandbox>) {}

  /** Its root URL once started. */
  get url(): string | null {
    return this.#running?.url ?? null
  }

  /** Its machine account's client id once started (never the secret). */
  get clientId(): string | null {
    return this.#running?.account.clientId ?? null
  }

  ensure(): Promise<RunningSandbox> {
    if (this.#running) return Promise.resolve(this.#running)
    this.#starting ??= this.launch().then(
      (running) => (this.#running = running),
      (error: unknown) => {
        // A failed start may succeed later (a port, a locked folder): try again next time.
        this.#starting = null
        throw error
      },
    )
    return this.#starting
  }

  async close(): Promise<void> {
    const running = this.#running ?? (await this.#starting?.catch(() => null))
    this.#running = null
    this.#starting = null
    await running?.close()
  }
}
