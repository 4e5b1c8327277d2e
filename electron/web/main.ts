import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { version } from '../../package.json'
import { nodeOsLocale } from '../services/app-info'
import { createDesk } from '../services/desk'
import { sandboxBanner, startEmbeddedSandbox } from '../services/embedded-sandbox'
import { parseWebHostArgs, usage } from './cli'
import { startWebHost } from './server'

/** `npm run web`: the whole app in a browser tab, served on loopback. */
async function main(): Promise<void> {
  let args
  try {
    args = parseWebHostArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    process.exit(2)
  }
  // No platform account can be configured yet, so the built-in sandbox is the platform.
  const sandbox = await startEmbeddedSandbox({
    userDataDir: args.dataDir,
    control: args.sandboxControl,
  })
  if (args.sandboxControl) process.stdout.write(`${sandboxBanner(sandbox)}\n`)
  const desk = await createDesk({
    userDataDir: args.dataDir,
    host: 'web',
    version,
    osLocale: nodeOsLocale(),
  })
  const host = await startWebHost({
    rendererDir: path.join(__dirname, '../renderer'),
    handlers: desk.handlers,
    events: desk.events,
    token: randomBytes(24).toString('base64url'),
    port: args.port,
  })
  process.stdout.write(`Innbox is running at ${host.url}\n`)
  const stop = (): void => {
    Promise.allSettled([host.close(), sandbox.close()]).finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('Innbox could not start:', error)
  process.exit(1)
})
