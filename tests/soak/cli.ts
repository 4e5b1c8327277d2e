import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, request as playwrightRequest } from '@playwright/test'
import { startWebHost, stopWebHost } from '../e2e/fixtures'
import { formatReport, runSoak } from './soak'

// `npm run soak -- [--minutes N] [--sends N] [--seed S] [--headed]`: the long fault soak against
// the built web host (`npm run build` first) in Chromium. Prints what it did; exits 1 when an
// invariant breaks.

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '5' },
      sends: { type: 'string', default: '300' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      headed: { type: 'boolean', default: false },
    },
  })
  const options = {
    minutes: Number(values.minutes),
    sends: Number(values.sends),
    seed: Number(values.seed),
  }
  if (!Object.values(options).every((n) => Number.isFinite(n) && n > 0)) {
    throw new Error('--minutes, --sends and --seed take positive numbers')
  }
  const log = (line: string) => process.stdout.write(`${line}\n`)
  log(`soak: ${options.sends} replies, at most ${options.minutes} min, seed ${options.seed}`)
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'innbox-soak-'))
  const host = await startWebHost(dataDir)
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  const browser = await chromium.launch({
    executablePath,
    headless: !values.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  const request = await playwrightRequest.newContext()
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } })
    // Long timelines are virtualised: the UI check is for the short form.
    const report = await runSoak(
      page,
      request,
      { url: host.url, sandboxUrl: host.sandboxUrl! },
      { ...options, checkUi: options.sends <= 60, log },
    )
    log(formatReport(report))
  } finally {
    await request.dispose()
    await browser.close()
    await stopWebHost(host)
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed (replay with the same --seed):\n${String(error)}\n`)
  process.exit(1)
})
