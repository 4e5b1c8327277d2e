import { parseArgs } from 'node:util'
import { startSandbox } from './index'

// `npm run sandbox -- --port 0 --data DIR --seed demo --control`

const usage = `Usage: npm run sandbox -- --data DIR [--port N] [--seed demo|empty] [--control]
                      [--simulate-guests SECONDS] [--now ISO] [--redelivery-rate 0..1]`

function fail(message: string): never {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

function readOptions() {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        seed: { type: 'string', default: 'empty' },
        control: { type: 'boolean', default: false },
        'simulate-guests': { type: 'string' },
        now: { type: 'string' },
        'redelivery-rate': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    fail((error as Error).message)
  }
  if (parsed.help) fail('The sandbox platform: the Messaging API on loopback.')
  const port = Number(parsed.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0..65535')
  if (!parsed.data) fail('--data DIR is required')
  if (parsed.seed !== 'demo' && parsed.seed !== 'empty') fail('--seed must be demo or empty')
  const simulate =
    parsed['simulate-guests'] === undefined ? undefined : Number(parsed['simulate-guests'])
  if (simulate !== undefined && !(simulate > 0)) fail('--simulate-guests takes a number of seconds')
  const redelivery =
    parsed['redelivery-rate'] === undefined ? undefined : Number(parsed['redelivery-rate'])
  if (redelivery !== undefined && !(redelivery >= 0 && redelivery <= 1))
    fail('--redelivery-rate takes 0..1')
  if (parsed.now !== undefined && Number.isNaN(Date.parse(parsed.now)))
    fail('--now takes an ISO instant')
  return {
    port,
    dataDir: parsed.data,
    seed: parsed.seed,
    control: parsed.control,
    simulateGuestsSeconds: simulate,
    redeliveryRate: redelivery,
    now: parsed.now,
  } as const
}

function main(): void {
  startSandbox(readOptions()).then(
    (sandbox) => {
      // The first line is the contract: tests and hosts read the URL from it.
      process.stdout.write(`Sandbox platform at ${sandbox.url}\n`)
      process.stdout.write(
        `Machine account: client_id=${sandbox.account.clientId} client_secret=${sandbox.account.clientSecret}\n`,
      )
      const stop = () => {
        void sandbox.close().then(() => process.exit(0))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    },
    (error: unknown) => {
      console.error('sandbox: could not start', error)
      process.exit(1)
    },
  )
}

main()
