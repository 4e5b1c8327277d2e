import type { APIRequestContext, Page } from '@playwright/test'
import { expect } from '../e2e/fixtures'
import {
  book,
  conversation,
  guestWrites,
  LISBON,
  openConversation,
  sent,
  waitForFirstSync,
  type Booking,
} from '../e2e/platform-helpers'
import { outboxRows, requestLog, setFaults, type LoggedRequest } from '../e2e/reliability-helpers'

// The fault soak (issue 12): replies and "No reply needed" changes typed into the real UI, in
// Chromium, against the real web host and its sandbox, while a seeded random schedule switches
// the sandbox's faults (latency, 5xx, 429 with Retry-After, connections cut before and after the
// platform applied a send, outages). At the end, with faults off and the outbox drained, the
// invariants are read from `/sandbox/sent`, the sandbox's request log and the page's outbox.

export interface SoakOptions {
  /** Replies to send in all. */
  sends: number
  /** The run stops issuing work after this long even if sends remain. */
  minutes: number
  seed: number
  /** How often the fault profile changes. */
  faultEveryMs?: number
  /** Open each conversation at the end and check each reply shows once, as sent. */
  checkUi?: boolean
  log?: (line: string) => void
}

export interface SoakDesk {
  url: string
  sandboxUrl: string
}

export interface SoakReport {
  seed: number
  sends: number
  tagChanges: number
  conversations: number
  faultProfiles: Record<string, number>
  requests: number
  outcomes: Record<string, number>
  rateLimited: number
  maxAttempts: number
  quietRequests: number
  durationMs: number
}

/** mulberry32: a small seeded PRNG, enough to replay a run from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Profile = { name: string; faults: (random: () => number) => object }

export const FAULT_PROFILES: Profile[] = [
  { name: 'none', faults: () => ({}) },
  { name: 'latency', faults: (r) => ({ latency_ms: 200 + Math.floor(r() * 1300) }) },
  {
    name: '5xx',
    faults: (r) => ({ error_rate: 0.3, status: r() < 0.5 ? 503 : 500 }),
  },
  {
    name: '429',
    faults: (r) => ({ error_rate: 0.4, status: 429, retry_after_s: 1 + Math.floor(r() * 3) }),
  },
  { name: 'cut before commit', faults: () => ({ drop_rate: 0.3 }) },
  {
    name: 'cut after commit',
    faults: () => ({ drop_rate: 0.4, drop_after_commit: true, methods: ['POST'] }),
  },
  { name: 'outage', faults: () => ({ outage: true }) },
]

const GUESTS = [
  { property: LISBON, name: 'Soak Alves' },
  { property: LISBON, name: 'Soak Berger' },
  { property: '4012002', name: 'Soak Costa' },
  { property: '4012002', name: 'Soak Dubois' },
]

const switchOf = (page: Page) => conversation(page).getByRole('switch', { name: 'No reply needed' })

/** Runs the soak on a desk whose page is not opened yet; throws when an invariant breaks. */
export async function runSoak(
  page: Page,
  request: APIRequestContext,
  desk: SoakDesk,
  options: SoakOptions,
): Promise<SoakReport> {
  const started = Date.now()
  const say = options.log ?? (() => {})
  const log = (line: string) => say(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`)
  const random = seededRandom(options.seed)
  const bookings: Booking[] = []
  for (const guest of GUESTS) {
    const booking = await book(request, desk.sandboxUrl, guest.property, guest.name)
    await guestWrites(request, desk.sandboxUrl, booking, `Hello from ${guest.name}`)
    bookings.push(booking)
  }
  await page.goto(desk.url)
  await waitForFirstSync(page)
  log('first sync done')
  const firstSeq = (await requestLog(request, desk.sandboxUrl)).at(-1)?.seq ?? 0

  // Faults change on a seeded schedule while the work goes on.
  const faultProfiles: Record<string, number> = {}
  const faultRandom = seededRandom(options.seed ^ 0x5eed)
  let faulting = true
  const faultLoop = (async () => {
    while (faulting) {
      const profile = FAULT_PROFILES[Math.floor(faultRandom() * FAULT_PROFILES.length)]!
      faultProfiles[profile.name] = (faultProfiles[profile.name] ?? 0) + 1
      await setFaults(request, desk.sandboxUrl, profile.faults(faultRandom))
      await new Promise((resolve) => setTimeout(resolve, options.faultEveryMs ?? 2_500))
    }
  })()

  const expected = new Map<string, string[]>(bookings.map((b) => [b.conversationId, []]))
  const lastSwitch = new Map<string, boolean>()
  let current: Booking | null = null
  let sends = 0
  let tagChanges = 0
  let syncs = 0
  const deadline = started + options.minutes * 60_000
  try {
    while (sends < options.sends && Date.now() < deadline) {
      if (!current || random() < 0.3) {
        const next = bookings[Math.floor(random() * bookings.length)]!
        if (next !== current) {
          await openConversation(page, GUESTS[bookings.indexOf(next)]!.name)
          current = next
        }
      }
      // Staff press "Sync now" now and then: the drain runs into whatever fault is on.
      if (random() < 0.06) {
        await page.getByRole('button', { name: 'Sync now' }).click()
        syncs += 1
      }
      if (random() < 0.12) {
        const toggle = switchOf(page)
        const before = (await toggle.getAttribute('aria-checked')) === 'true'
        await toggle.click()
        await expect(toggle).toHaveAttribute('aria-checked', String(!before))
        lastSwitch.set(current.conversationId, !before)
        tagChanges += 1
        continue
      }
      sends += 1
      const text = `Soak ${options.seed} reply ${sends} for ${GUESTS[bookings.indexOf(current)]!.name}.`
      const box = conversation(page).getByRole('textbox', { name: 'Message' })
      await box.fill(text)
      await conversation(page).getByRole('button', { name: 'Send', exact: true }).click()
      await expect(box).toHaveValue('')
      expected.get(current.conversationId)!.push(text)
      if (sends % 20 === 0) log(`${sends} replies, ${tagChanges} tag changes so far`)
    }
  } finally {
    faulting = false
    await faultLoop
    await setFaults(request, desk.sandboxUrl, {})
  }
  log(
    `work done: ${sends} replies, ${tagChanges} tag changes, ${syncs} syncs by hand; draining with faults off`,
  )

  // Drained: nothing queued, sending, unknown or failed.
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect
    .poll(async () => (await outboxRows(page)).filter((r) => r.state !== 'sent').length, {
      timeout: 180_000,
      intervals: [1_000],
    })
    .toBe(0)

  log('outbox drained')
  // Nothing lost, nothing duplicated, order kept per conversation.
  const delivered = await sent(request, desk.sandboxUrl)
  for (const [conversationId, texts] of expected) {
    const got = delivered
      .filter((m) => m.conversation_id === conversationId && m.content.startsWith('Soak '))
      .map((m) => m.content)
    expect(got, `replies on the platform for ${conversationId}, in order`).toEqual(texts)
  }

  const requests = await requestLog(request, desk.sandboxUrl, firstSeq)
  checkRetryAfter(requests)
  checkTags(requests, bookings, lastSwitch)

  // Bounded retries: no record tried without end, and the desk goes quiet once drained.
  const maxAttempts = Math.max(0, ...(await outboxAttempts(page)))
  expect(maxAttempts, 'attempts of the most tried outbox record').toBeLessThanOrEqual(25)
  const quietFrom = (await requestLog(request, desk.sandboxUrl)).at(-1)?.seq ?? 0
  await page.waitForTimeout(5_000)
  const quietRequests = (await requestLog(request, desk.sandboxUrl, quietFrom)).length
  // A sync may start (every 30 s, or when the drain ends): a few reads, never a loop.
  expect(quietRequests, 'requests in 5 s once drained').toBeLessThanOrEqual(40)

  log('invariants held on the platform; checking the conversations')
  if (options.checkUi ?? true) {
    for (const booking of bookings) {
      await openConversation(page, GUESTS[bookings.indexOf(booking)]!.name)
      // Each reply once (a duplicate would be a second bubble with its text), each as sent.
      const texts = expected.get(booking.conversationId)!
      const ours = conversation(page).locator('.message', {
        hasText: `Soak ${options.seed} reply `,
      })
      await expect(ours).toHaveCount(texts.length)
      await expect(ours.filter({ has: page.getByText('Sent', { exact: true }) })).toHaveCount(
        texts.length,
      )
      const shown = await ours.locator('p').allTextContents()
      expect(shown.map((t) => t.trim())).toEqual(texts)
    }
  }

  const outcomes: Record<string, number> = {}
  for (const r of requests) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1
  return {
    seed: options.seed,
    sends,
    tagChanges,
    conversations: bookings.length,
    faultProfiles,
    requests: requests.length,
    outcomes,
    rateLimited: requests.filter((r) => r.status === 429).length,
    maxAttempts,
    quietRequests,
    durationMs: Date.now() - started,
  }
}

/**
 * After a 429 with `Retry-After: R` on a write (send, tag), the same write is not asked again
 * before R seconds have passed (the sandbox's own arrival times; 50 ms for timer granularity).
 */
export function checkRetryAfter(requests: LoggedRequest[]): void {
  const writes = requests.filter((r) => r.method !== 'GET')
  writes.forEach((limited, index) => {
    if (limited.status !== 429 || limited.retry_after_s === null) return
    const next = writes
      .slice(index + 1)
      .find((r) => r.method === limited.method && r.path === limited.path)
    if (!next) return
    expect(
      next.received_at - limited.received_at,
      `${limited.method} ${limited.path} again after a 429 with Retry-After ${limited.retry_after_s}`,
    ).toBeGreaterThanOrEqual(limited.retry_after_s * 1000 - 50)
  })
}

/** The last "No reply needed" write the platform applied matches the switch's last position. */
function checkTags(
  requests: LoggedRequest[],
  bookings: Booking[],
  lastSwitch: Map<string, boolean>,
): void {
  for (const [conversationId, on] of lastSwitch) {
    const booking = bookings.find((b) => b.conversationId === conversationId)!
    const path = `/messaging/properties/${booking.propertyId}/conversations/${conversationId}/tags/no_reply_needed`
    const applied = requests.filter(
      (r) => r.path === path && (r.status === 200 || r.outcome === 'cut_after_commit'),
    )
    expect(applied.at(-1)?.method, `last no_reply_needed write for ${conversationId}`).toBe(
      on ? 'PUT' : 'DELETE',
    )
  }
}

async function outboxAttempts(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('innbox')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('outbox', 'readonly').objectStore('outbox').getAll()
          all.onsuccess = () => {
            open.result.close()
            resolve((all.result as { attempts: number }[]).map((r) => r.attempts))
          }
          all.onerror = () => reject(all.error)
        }
      }),
  )
}

export function formatReport(report: SoakReport): string {
  return [
    `soak seed ${report.seed}: ${report.sends} replies and ${report.tagChanges} tag changes in ${report.conversations} conversations, ${(report.durationMs / 1000).toFixed(0)} s`,
    `fault profiles applied: ${Object.entries(report.faultProfiles)
      .map(([name, n]) => `${name} ×${n}`)
      .join(', ')}`,
    `platform requests: ${report.requests} (${Object.entries(report.outcomes)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}), 429 answers ${report.rateLimited}`,
    `most attempts for one outbox record: ${report.maxAttempts}; requests in 5 s once drained: ${report.quietRequests}`,
    'invariants held: nothing lost, nothing duplicated, order per conversation, Retry-After honoured, retries bounded, tags as last set',
  ].join('\n')
}
