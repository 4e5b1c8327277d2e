import { expect, test } from './fixtures'
import { formatReport, runSoak } from '../soak/soak'

// Issue 12, the fault soak in its short form (the long one: `npm run soak`): replies and tag
// changes through the real UI while the sandbox's faults change on a seeded schedule; then
// nothing lost, nothing duplicated, order kept, Retry-After honoured, retries bounded.

test.describe.configure({ timeout: 300_000 })

test('a short fault soak: 40 replies and tag changes under random faults, every invariant held', async ({
  page,
  request,
  webHost,
}) => {
  const seed = Number(process.env.SOAK_SEED ?? 12)
  const report = await runSoak(
    page,
    request,
    { url: webHost.url, sandboxUrl: webHost.sandboxUrl! },
    {
      sends: 40,
      minutes: 3,
      seed,
      faultEveryMs: 2_000,
      log: process.env.SOAK_LOG ? (line) => process.stdout.write(`${line}\n`) : undefined,
    },
  )
  await test.info().attach('soak report', { body: formatReport(report), contentType: 'text/plain' })
  expect(report.sends).toBe(40)
  expect(Object.keys(report.faultProfiles).length).toBeGreaterThan(1)
})
