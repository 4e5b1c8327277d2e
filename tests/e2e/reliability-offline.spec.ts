import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  conversation,
  day,
  LISBON,
  LYON,
  openConversation,
  sandboxToday,
  sent,
  waitForFirstSync,
} from './platform-helpers'
import { bubble, outboxRows, reply, setFaults } from './reliability-helpers'

// Issue 12, long offline: replies queued in several properties while the platform cannot be
// reached, then a week passes on both clocks (the sandbox's and the page's). Back online, the
// replies whose window is still open go out once; the others fail with the window reason, shown
// in the conversation, and never reach the platform (PLATFORM.md rules 1 and 2).

test.describe.configure({ timeout: 180_000 })

const DAY = 86_400_000
const PORTO = '4012002'

interface Stay {
  guest: string
  propertyId: string
  booked: number
  checkin: number
  checkout: number
  cancelled?: number
  /** When the guest last wrote (the reply window runs 14 days from it). */
  wrote: number
  /** Still allowed a week later? */
  allowed: boolean
}

async function createStay(request: APIRequestContext, sandboxUrl: string, now: number, stay: Stay) {
  const booked = await request.post(`${sandboxUrl}/sandbox/reservations`, {
    data: {
      property_id: stay.propertyId,
      guest_name: stay.guest,
      guest_language: 'en',
      booked_at: new Date(now + stay.booked * DAY).toISOString(),
      checkin: day(now, stay.checkin),
      checkout: day(now, stay.checkout),
      status: stay.cancelled === undefined ? 'confirmed' : 'cancelled',
      ...(stay.cancelled === undefined
        ? {}
        : { cancelled_at: new Date(now + stay.cancelled * DAY).toISOString() }),
    },
  })
  expect(booked.ok()).toBe(true)
  const { conversation_id: conversationId } = await booked.json()
  const wrote = await request.post(`${sandboxUrl}/sandbox/guest-messages`, {
    data: {
      property_id: stay.propertyId,
      conversation_id: conversationId,
      content: `Hello, this is ${stay.guest}.`,
      timestamp: new Date(now + stay.wrote * DAY).toISOString(),
    },
  })
  expect(wrote.ok()).toBe(true)
  return conversationId as string
}

test('a week offline: replies still inside their window go out once, the others fail with the window reason', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const now = await sandboxToday(request, sandboxUrl)
  const stays: Stay[] = [
    // A stay ahead: the send window is open for weeks.
    {
      guest: 'Lena Park',
      propertyId: LYON,
      booked: -5,
      checkin: 10,
      checkout: 12,
      wrote: -1,
      allowed: true,
    },
    // Checked out 3 days ago (send window shuts in 4 days), but the guest wrote yesterday:
    // the reply window (14 days from that message) keeps it open.
    {
      guest: 'Marta Silva',
      propertyId: LISBON,
      booked: -20,
      checkin: -6,
      checkout: -3,
      wrote: -1,
      allowed: true,
    },
    // Checked out 2 days ago, the guest's last message 20 days old: shut in 5 days.
    {
      guest: 'Otto Lang',
      propertyId: LISBON,
      booked: -30,
      checkin: -8,
      checkout: -2,
      wrote: -20,
      allowed: false,
    },
    // Cancelled 3 days ago in another property, last message 9 days old: shut in 4 to 5 days.
    {
      guest: 'Pia Holm',
      propertyId: PORTO,
      booked: -10,
      checkin: 20,
      checkout: 22,
      cancelled: -3,
      wrote: -9,
      allowed: false,
    },
  ]
  const conversations = new Map<string, string>()
  for (const stay of stays)
    conversations.set(stay.guest, await createStay(request, sandboxUrl, now, stay))

  await page.clock.install({ time: now })
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  // Offline: the platform cannot be reached; every reply waits in the outbox.
  await setFaults(request, sandboxUrl, { outage: true })
  const text = (guest: string) => `Thank you ${guest}, we will get back to you shortly.`
  for (const stay of stays) {
    await openConversation(page, stay.guest)
    await reply(page, text(stay.guest))
    await expect(bubble(page, text(stay.guest))).toContainText(/Queued|Sending/)
  }

  // A week passes on both clocks, still offline.
  const week = 7 * DAY
  expect(
    (await request.post(`${sandboxUrl}/sandbox/clock`, { data: { advance_ms: week } })).ok(),
  ).toBe(true)
  await page.clock.fastForward(week)
  const ours = new Set(stays.map((stay) => text(stay.guest)))
  expect((await sent(request, sandboxUrl)).filter((m) => ours.has(m.content))).toEqual([])

  // Back online.
  await setFaults(request, sandboxUrl, {})
  await page.getByRole('button', { name: 'Sync now' }).click()
  for (const stay of stays) {
    await openConversation(page, stay.guest)
    const message = bubble(page, text(stay.guest))
    if (stay.allowed) {
      await expect(message.getByText('Sent', { exact: true })).toBeVisible({ timeout: 90_000 })
    } else {
      // The reason, in the conversation: the window closed (with its date).
      await expect(message.locator('.message__failure')).toContainText(/messaging window closed/i, {
        timeout: 90_000,
      })
    }
    await expect(message).toHaveCount(1)
  }

  const delivered = await sent(request, sandboxUrl)
  for (const stay of stays) {
    const copies = delivered.filter(
      (m) => m.conversation_id === conversations.get(stay.guest) && m.content === text(stay.guest),
    )
    expect(copies, stay.guest).toHaveLength(stay.allowed ? 1 : 0)
  }
  const states = new Map((await outboxRows(page)).map((r) => [r.content, r]))
  for (const stay of stays) {
    expect(states.get(text(stay.guest))?.state, stay.guest).toBe(stay.allowed ? 'sent' : 'failed')
  }
  await expect(conversation(page)).toBeVisible()
})
