import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { version } from '../../package.json'
import { nodeOsLocale } from '../services/app-info'
import { createDesk } from '../services/desk'
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
    host.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('Innbox could not start:', error)
  process.exit(1)
})
