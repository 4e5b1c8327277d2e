import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'

export interface WebHostProcess {
  /** The URL the host printed, with its token. */
  url: string
  /** The embedded sandbox's root URL, printed with --sandbox-control. */
  sandboxUrl: string | null
  dataDir: string
  process: ChildProcess
}

const root = path.resolve(__dirname, '../..')

/**
 * Starts the built web host (`out/main/web.js`) the way `npm run web` does, on a free port,
 * with the embedded sandbox's control API on so tests can drive the platform behind it.
 */
export async function startWebHost(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  /** A fixed port: a restart on the same port (and data) keeps the browser's IndexedDB. */
  port = 0,
): Promise<WebHostProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'out/main/web.js'),
      '--port',
      String(port),
      '--data',
      dataDir,
      '--sandbox-control',
    ],
    {
      cwd: root,
      env: { ...process.env, LANG: 'en_US.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /Innbox is running at (\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)))
  })
  const sandboxUrl = /Sandbox platform at (\S+)/.exec(output)?.[1] ?? null
  return { url, sandboxUrl, dataDir, process: child }
}

export async function stopWebHost(host: WebHostProcess): Promise<void> {
  if (host.process.exitCode !== null || host.process.signalCode !== null) return
  const exited = new Promise((resolve) => host.process.once('exit', resolve))
  host.process.kill('SIGTERM')
  await exited
}

/** Each test gets its own web host and data folder, so tests never share state. */
export const test = base.extend<{ webHost: WebHostProcess }>({
  // Playwright reads fixture dependencies from the destructuring pattern: it must be `{}`.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'innbox-e2e-'))
    const host = await startWebHost(dataDir)
    await use(host)
    await stopWebHost(host)
    await rm(dataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
