import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'

// The real web host (out/main/web.js, with the embedded sandbox's control API) and Debian's
// Chromium, started the way tests/e2e/fixtures.ts starts them.

const root = path.resolve(__dirname, '../..')

export interface WebHost {
  url: string
  origin: string
  sandboxUrl: string
  process: ChildProcess
}

export async function startWebHost(dataDir: string): Promise<WebHost> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/web.js'), '--port', '0', '--data', dataDir, '--sandbox-control'],
    {
      cwd: root,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
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
  // The host logs every request: keep reading so its pipes never fill up.
  child.stdout!.resume()
  child.stderr!.resume()
  const sandboxUrl = /Sandbox platform at (\S+)/.exec(output)?.[1]
  if (!sandboxUrl) throw new Error(`the web host printed no sandbox address:\n${output}`)
  return { url, origin: new URL(url).origin, sandboxUrl, process: child }
}

export async function stopWebHost(host: WebHost): Promise<void> {
  if (host.process.exitCode !== null || host.process.signalCode !== null) return
  const exited = new Promise((resolve) => host.process.once('exit', resolve))
  host.process.kill('SIGTERM')
  await exited
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
      // Timers of a page Playwright drives must not be throttled as a background tab's are.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
    ],
  })
}
