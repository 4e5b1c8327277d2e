import { parseArgs } from 'node:util'
import path from 'node:path'
import { defaultUserDataDir } from '../services/user-data'

export interface WebHostArgs {
  port: number
  dataDir: string
  /** Turn on the embedded sandbox's control API and print its address. */
  sandboxControl: boolean
}

export const usage =
  'Usage: npm run web -- [--port N] [--data DIR] [--sandbox-control]   (--port 0 picks a free port)'

/** Parses the web host's flags; throws a readable Error on a bad value. */
export function parseWebHostArgs(argv: string[]): WebHostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'sandbox-control': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`)
  }
  return {
    port,
    dataDir: path.resolve(values.data ?? defaultUserDataDir()),
    sandboxControl: values['sandbox-control'] ?? false,
  }
}
