import type { APIRequestContext, Page, Route } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  book,
  conversation,
  guestWrites,
  LISBON,
  openConversation,
  sent,
  waitForFirstSync,
  type Booking,
} from './platform-helpers'
import {
  bubble,
  Desk,
  outboxRows,
  reply,
  requestLog,
  savedDraft,
  setFaults,
} from './reliability-helpers'

// Issue 12, crash-point matrix for sends: the desk is stopped — the page reloaded, or the web host
// killed with SIGKILL and started again on the same port and data folder — at each point of a
// send's life. Afterwards every reply reaches the platform exactly once, in order, and the
// conversation shows each once, as sent.
//
// How each point is reached, without hooks in the app:
// - before the outbox write commits: the page's IndexedDB transaction that writes the outbox
//   record is aborted (an uncommitted transaction is exactly what a crash leaves), then the crash;
// - committed, request not made: the bridge call `messages:send` is held in the browser;
// - request written, no answer: the sandbox holds the POST (latency) while the desk crashes;
// - answered, record not updated: the bridge call is let through to the host and the platform,
//   and its answer is held back from the page.

test.describe.configure({ timeout: 150_000 })

type Stop = 'reload' | 'SIGKILL'

interface Scene {
  page: Page
  request: APIRequestContext
  desk: Desk
  booking: Booking
}

interface CrashPoint {
  name: string
  /** Whether the first reply is in the outbox when the desk stops. */
  committed: boolean
  /** Sets the trap; answers a wait that resolves once the send stands at the point. */
  arm(scene: Scene): Promise<() => Promise<void>>
}

const SEND_CALL = '**/api/invoke/messages:send'

/** Holds the first `messages:send` bridge call; `answered` lets it reach the host first. */
async function holdBridgeSend(page: Page, answered: boolean): Promise<() => Promise<void>> {
  let reached!: () => void
  const held = new Promise<void>((resolve) => (reached = resolve))
  let taken = false
  await page.route(SEND_CALL, async (route: Route) => {
    if (taken) return route.continue()
    taken = true
    // The answer comes back from the host and is never handed to the page.
    if (answered) await route.fetch()
    reached()
  })
  return () => held
}

const matrix: CrashPoint[] = [
  {
    name: 'before the outbox write commits',
    committed: false,
    async arm({ page }) {
      await page.evaluate(() => {
        const w = window as unknown as { abortOutboxWrite: boolean; outboxWriteAborted: boolean }
        w.abortOutboxWrite = true
        w.outboxWriteAborted = false
      })
      return () =>
        expect
          .poll(() =>
            page.evaluate(
              () => (window as unknown as { outboxWriteAborted: boolean }).outboxWriteAborted,
            ),
          )
          .toBe(true)
    },
  },
  {
    name: 'after the outbox write commits, before the request',
    committed: true,
    arm: ({ page }) => holdBridgeSend(page, false),
  },
  {
    name: 'after the request is written, before the answer',
    committed: true,
    async arm({ request, desk, booking }) {
      const before = (await requestLog(request, desk.sandboxUrl)).at(-1)?.seq ?? 0
      await setFaults(request, desk.sandboxUrl, { latency_ms: 8_000, methods: ['POST'] })
      const path = `/messaging/properties/${booking.propertyId}/conversations/${booking.conversationId}`
      return () =>
        expect
          .poll(
            async () =>
              (await requestLog(request, desk.sandboxUrl, before)).some(
                (r) => r.method === 'POST' && r.path === path && r.status === null,
              ),
            { timeout: 30_000 },
          )
          .toBe(true)
    },
  },
  {
    name: 'after the answer, before the local record is updated',
    committed: true,
    arm: ({ page }) => holdBridgeSend(page, true),
  },
]

/** Aborts the first read-write transaction over the outbox and drafts (the enqueue of a send). */
function abortOutboxWriteWhenAsked(): void {
  const w = window as unknown as { abortOutboxWrite?: boolean; outboxWriteAborted?: boolean }
  const original = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    names: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) {
    const transaction = original.call(this, names, mode, options)
    const stores = typeof names === 'string' ? [names] : Array.from(names)
    if (
      w.abortOutboxWrite &&
      mode === 'readwrite' &&
      stores.includes('outbox') &&
      stores.includes('drafts')
    ) {
      w.abortOutboxWrite = false
      w.outboxWriteAborted = true
      transaction.abort()
    }
    return transaction
  } as typeof original
}

/** Every POST the sandbox is still holding has ended (a held send may land after a reload). */
async function noRequestInFlight(request: APIRequestContext, sandboxUrl: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (await requestLog(request, sandboxUrl)).filter(
          (r) => r.outcome === 'answered' && r.status === null,
        ).length,
      { timeout: 30_000 },
    )
    .toBe(0)
}

for (const point of matrix) {
  for (const stop of ['reload', 'SIGKILL'] as Stop[]) {
    test(`stopped (${stop}) ${point.name}: each reply reaches the platform once, in order`, async ({
      page,
      request,
    }) => {
      const desk = await Desk.start()
      try {
        await page.addInitScript(abortOutboxWriteWhenAsked)
        const guest = stop === 'reload' ? 'Inès Duarte' : 'Jonas Weber'
        const booking = await book(request, desk.sandboxUrl, LISBON, guest)
        await guestWrites(request, desk.sandboxUrl, booking, 'Can we check in early?')
        await page.goto(desk.url)
        await waitForFirstSync(page)
        await openConversation(page, guest)

        const first = `Early check-in from 12:00 is fine (${stop}).`
        const second = `The room will be ready at noon (${stop}).`
        const reached = await point.arm({ page, request, desk, booking })
        const box = conversation(page).getByRole('textbox', { name: 'Message' })
        if (point.committed) {
          await reply(page, first)
          await reached()
          // Queued behind the first one: order must survive the crash too.
          await reply(page, second)
          await expect(bubble(page, second)).toContainText(/Queued|Sending/)
          expect(
            (await outboxRows(page)).filter((r) => r.content === first || r.content === second),
          ).toHaveLength(2)
        } else {
          // Typed, saved as a draft while typing, then Send; the enqueue never commits.
          await box.fill(first)
          await expect.poll(() => savedDraft(page, booking.conversationId)).toBe(first)
          await conversation(page).getByRole('button', { name: 'Send', exact: true }).click()
          await reached()
          expect((await outboxRows(page)).some((r) => r.content === first)).toBe(false)
        }

        // The crash first, then the trap goes: a held request released while the page or the
        // host still lives would be sent after all (no crash does that).
        if (stop === 'reload') {
          await page.reload()
          await page.unrouteAll({ behavior: 'ignoreErrors' })
          await setFaults(request, desk.sandboxUrl, {})
        } else {
          await desk.kill()
          await page.unrouteAll({ behavior: 'ignoreErrors' })
          await desk.restart()
          await page.goto(desk.url)
        }
        await waitForFirstSync(page)
        await openConversation(page, guest)

        if (!point.committed) {
          // Nothing was sent or queued: the reply is still the draft, ready to send.
          await expect(box).toHaveValue(first, { timeout: 20_000 })
          expect((await sent(request, desk.sandboxUrl)).some((m) => m.content === first)).toBe(
            false,
          )
          await conversation(page).getByRole('button', { name: 'Send', exact: true }).click()
          await expect(box).toHaveValue('')
          await reply(page, second)
        }

        for (const text of [first, second]) {
          await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
            timeout: 90_000,
          })
        }
        await noRequestInFlight(request, desk.sandboxUrl)
        const delivered = (await sent(request, desk.sandboxUrl))
          .filter((m) => m.conversation_id === booking.conversationId)
          .map((m) => m.content)
        expect(delivered).toEqual([first, second])
        await page.getByRole('button', { name: 'Sync now' }).click()
        await waitForFirstSync(page)
        for (const text of [first, second]) await expect(bubble(page, text)).toHaveCount(1)
        expect(
          (await outboxRows(page))
            .filter((r) => r.content === first || r.content === second)
            .map((r) => r.state),
        ).toEqual(['sent', 'sent'])
      } finally {
        // What the platform saw, for the report of a failed run.
        const log = await requestLog(request, desk.sandboxUrl).catch(() => [])
        const delivered = await sent(request, desk.sandboxUrl).catch(() => [])
        await test.info().attach('sandbox', {
          body: JSON.stringify({ requests: log, sent: delivered }, null, 2),
          contentType: 'application/json',
        })
        await desk.close()
      }
    })
  }
}
