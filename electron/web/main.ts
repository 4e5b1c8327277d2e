import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { version } from '../../package.json'
import { FileSecrets } from '../services/accounts/file-secrets'
import { nodeOsLocale } from '../services/app-info'
import { createDesk } from '../services/desk'
import { EmbeddedPlatform, sandboxBanner, startEmbeddedSandbox } from '../services/embedded-sandbox'
import { openFileLog } from '../services/logging/file-log'
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
  const embedded = new EmbeddedPlatform(() =>
    startEmbeddedSandbox({ userDataDir: args.dataDir, control: args.sandboxControl }),
  )
  const log = await openFileLog(path.join(args.dataDir, 'logs'))
  const desk = await createDesk({
    userDataDir: args.dataDir,
    host: 'web',
    version,
    osLocale: nodeOsLocale(),
    // Plain Node has no OS keychain: a file only this user can read.
    secrets: new FileSecrets(path.join(args.dataDir, 'secrets.json')),
    embedded,
    log,
  })
  // The built-in platform starts now when it is the desk's platform (or tests drive it);
  // otherwise only if the user switches to it.
  if (args.sandboxControl || (await desk.accounts.activeIsSandbox())) {
    // A platform that cannot start must not keep the desk from opening: the UI shows it
    // offline and the next request tries again.
    const sandbox = await embedded.ensure().catch((error: unknown) => {
      console.error('The built-in platform could not start:', error)
      return null
    })
    if (sandbox && args.sandboxControl) process.stdout.write(`${sandboxBanner(sandbox)}\n`)
  }
  const host = await startWebHost({
    rendererDir: path.join(__dirname, '../renderer'),
    handlers: desk.handlers,
    events: desk.events,
    token: randomBytes(24).toString('base64url'),
    port: args.port,
  })
  process.stdout.write(`Innbox is running at ${host.url}\n`)
  const stop = (): void => {
    Promise.allSettled([host.close(), embedded.close(), log.close()]).finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('Innbox could not start:', error)
  process.exit(1)
})
