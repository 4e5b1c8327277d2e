import type { APIRequestContext, Page } from '@playwright/test'
import { expect } from './fixtures'

// Shared steps for specs that drive the app and the embedded sandbox platform behind it.

/**
 * Options of every call to the sandbox's control API: a connection of its own, closed after the
 * answer. A kept-alive connection idle for the server's 5 s was closed by the server just as the
 * next call went out on it (ECONNRESET in a CI run, reliability-crash.spec.ts).
 */
export const CONTROL = { headers: { connection: 'close' } } as const

export const LISBON = '4012001'
/** The demo seed's Lyon apartments: the platform switched links off there (rule 5). */
export const LYON = '4012003'

export interface Booking {
  conversationId: string
  propertyId: string
  guestName: string
}

export async function sandboxToday(
  request: APIRequestContext,
  sandboxUrl: string,
): Promise<number> {
  const clock = await (await request.get(`${sandboxUrl}/sandbox/clock`, CONTROL)).json()
  return Date.parse(clock.now)
}

export const day = (instant: number, offsetDays: number) =>
  new Date(instant + offsetDays * 86_400_000).toISOString().slice(0, 10)

/** A booking made two days ago for a stay in three days, on the platform before the desk starts. */
export async function book(
  request: APIRequestContext,
  sandboxUrl: string,
  propertyId: string,
  guestName: string,
): Promise<Booking> {
  const now = await sandboxToday(request, sandboxUrl)
  const response = await request.post(`${sandboxUrl}/sandbox/reservations`, {
    ...CONTROL,
    data: {
      property_id: propertyId,
      guest_name: guestName,
      guest_language: 'fr',
      booked_at: new Date(now - 2 * 86_400_000).toISOString(),
      checkin: day(now, 3),
      checkout: day(now, 5),
      status: 'confirmed',
    },
  })
  expect(response.ok()).toBe(true)
  const { conversation_id: conversationId } = await response.json()
  return { conversationId, propertyId, guestName }
}

export async function guestWrites(
  request: APIRequestContext,
  sandboxUrl: string,
  booking: Booking,
  content: string,
): Promise<void> {
  const response = await request.post(`${sandboxUrl}/sandbox/guest-messages`, {
    ...CONTROL,
    data: { property_id: booking.propertyId, conversation_id: booking.conversationId, content },
  })
  expect(response.ok()).toBe(true)
}

export async function sent(request: APIRequestContext, sandboxUrl: string) {
  const answer = await (await request.get(`${sandboxUrl}/sandbox/sent`, CONTROL)).json()
  return answer.messages as { conversation_id: string; content: string; attachment_ids: string[] }[]
}

/** Finds the guest through the search box and opens the conversation from the list. */
export async function openConversation(page: Page, guestName: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search messages' }).fill(guestName)
  const row = page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem', { name: new RegExp(`^${guestName}`) })
  await expect(row).toBeVisible({ timeout: 20_000 })
  await row.getByRole('button').click()
  await expect(conversation(page).getByRole('heading', { name: guestName })).toBeVisible()
}

export async function waitForFirstSync(page: Page): Promise<void> {
  // The outbox drains once the first sync is over: a reply written before then waits, queued.
  // "Last sync" appears only once a sync has finished (idle alone also reads "Up to date").
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText(
    /Up to date.*Last sync/,
    { timeout: 60_000 },
  )
}

export const conversation = (page: Page) =>
  page.getByRole('region', { name: 'Conversation', exact: true })

export async function unreadConversations(page: Page): Promise<number> {
  const all = page
    .getByRole('navigation', { name: 'Properties', exact: true })
    .getByRole('button', { name: /^All properties/ })
  // The accessible name: the visible figure is hidden from it, the sentence is not.
  const name = await all.ariaSnapshot()
  return Number(/(\d+) unread conversation/.exec(name)?.[1] ?? 0)
}
