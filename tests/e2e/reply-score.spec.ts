import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { conversation, day, sandboxToday, waitForFirstSync } from './platform-helpers'

// Issue 10: the reply score (PLATFORM.md rule 9) and the at-risk forecast, from a history built
// on the sandbox relative to its own clock (the desk's clock may differ).

const HOUR = 3_600_000

async function bookAndWrite(
  request: APIRequestContext,
  sandboxUrl: string,
  propertyId: string,
  guestName: string,
  writtenAt: number,
  now: number,
): Promise<void> {
  const booked = await request.post(`${sandboxUrl}/sandbox/reservations`, {
    data: {
      property_id: propertyId,
      guest_name: guestName,
      guest_language: 'en',
      booked_at: new Date(now - 20 * 24 * HOUR).toISOString(),
      checkin: day(now, 3),
      checkout: day(now, 5),
      status: 'confirmed',
    },
  })
  expect(booked.ok()).toBe(true)
  const { conversation_id } = await booked.json()
  const wrote = await request.post(`${sandboxUrl}/sandbox/guest-messages`, {
    data: {
      property_id: propertyId,
      conversation_id,
      content: `Hello, a question from ${guestName}.`,
      timestamp: new Date(writtenAt).toISOString(),
    },
  })
  expect(wrote.ok()).toBe(true)
}

test('shows the score, the messages at risk and a forecast that follows the answers', async ({
  page,
  request,
  webHost,
}) => {
  test.setTimeout(120_000)
  const sandboxUrl = webHost.sandboxUrl!
  const reset = await request.post(`${sandboxUrl}/sandbox/reset`, { data: { seed: 'empty' } })
  expect(reset.ok()).toBe(true)
  const created = await request.post(`${sandboxUrl}/sandbox/properties`, {
    data: { name: 'Score Test Inn', time_zone: 'Europe/Paris' },
  })
  expect(created.ok()).toBe(true)
  const { property_id: propertyId } = await created.json()
  const now = await sandboxToday(request, sandboxUrl)
  // Ten guest messages three days ago, never answered: settled, missed. Two more inside 24 hours.
  for (let index = 0; index < 10; index += 1) {
    await bookAndWrite(request, sandboxUrl, propertyId, `Past Guest ${index}`, now - 72 * HOUR, now)
  }
  await bookAndWrite(request, sandboxUrl, propertyId, 'Early Guest', now - 3 * HOUR, now)
  await bookAndWrite(request, sandboxUrl, propertyId, 'Late Guest', now - HOUR, now)

  await page.goto(webHost.url)
  await waitForFirstSync(page)
  const header = page.getByRole('group', { name: 'Reply score' }).first()
  await expect(header.getByRole('link', { name: /^Reply score/ })).toContainText('0%')
  await expect(header).toContainText('At risk')
  await expect(header).toContainText('2 messages at risk')
  await expect(
    page
      .getByRole('navigation', { name: 'Properties', exact: true })
      .getByRole('button', { name: /^Score Test Inn/ }),
  ).toHaveAccessibleDescription('Reply score: 0%, At risk')

  await header.getByRole('link', { name: /^Reply score/ }).click()
  await expect(page.getByRole('heading', { name: 'At risk', level: 1 })).toBeVisible()
  const items = page.getByRole('list', { name: 'Messages at risk' }).getByRole('listitem')
  // Least time left first.
  await expect(items).toHaveCount(2, { timeout: 20_000 })
  await expect(items.nth(0)).toContainText('Early Guest')
  await expect(items.nth(1)).toContainText('Late Guest')
  await expect(page.getByText(/^Answer these 2 messages in time/)).toHaveText(
    'Answer these 2 messages in time and the score stays at 17%; miss them and it drops to 0%.',
  )

  // Answer the first one: it counts as answered in time, and the forecast moves.
  await items.nth(0).getByRole('button', { name: 'Open conversation' }).click()
  const pane = conversation(page)
  await expect(pane.getByText('Hello, a question from Early Guest.')).toBeVisible()
  const reply = 'Hello, yes of course.'
  await pane.getByRole('textbox', { name: 'Message' }).fill(reply)
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(
    pane.locator('.message', { hasText: reply }).getByText('Sent', { exact: true }),
  ).toBeVisible({ timeout: 20_000 })
  await page
    .getByRole('link', { name: /^Reply score/ })
    .first()
    .click()
  await expect(
    page.getByRole('list', { name: 'Messages at risk' }).getByRole('listitem'),
  ).toHaveCount(1, { timeout: 20_000 })
  await expect(page.getByText(/^Answer this message in time/)).toHaveText(
    'Answer this message in time and the score stays at 17%; miss it and it drops to 8%.',
  )
  await expect(header).toContainText('9%')

  // "No reply needed" within 24 hours takes the last one out of the score, and says so.
  await page.getByRole('button', { name: 'No reply needed' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Marked' })).toHaveText(
    'Marked “No reply needed” within 24 hours: this message no longer counts in the reply score.',
  )
  await expect(page.getByText('Nothing at risk')).toBeVisible()
  await expect(header).toContainText('9%')
})
