import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  book,
  conversation,
  guestWrites,
  LISBON,
  openConversation,
  sent,
  waitForFirstSync,
} from './platform-helpers'

// Issue 6 end to end: the outbox survives a dead network and a reload, every reply reaches the
// platform exactly once and in order, an answer lost after the platform applied the send is
// reconciled instead of resent, and pulled messages appear once, however often they come.

test.describe.configure({ timeout: 150_000 })

const faults = (request: APIRequestContext, sandboxUrl: string, data: object) =>
  request.post(`${sandboxUrl}/sandbox/faults`, { data })

async function reply(page: Page, text: string): Promise<void> {
  const pane = conversation(page)
  await pane.getByRole('textbox', { name: 'Message' }).fill(text)
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(pane.getByRole('textbox', { name: 'Message' })).toHaveValue('')
}

const bubble = (page: Page, text: string) =>
  conversation(page).locator('.message', { hasText: text })

test('replies written offline survive a reload and reach the platform exactly once, in order', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const first = await book(request, sandboxUrl, LISBON, 'Amélie Roux')
  const second = await book(request, sandboxUrl, LISBON, 'Bruno Keller')
  await guestWrites(request, sandboxUrl, first, 'Pouvons-nous arriver à 23 h ?')
  await guestWrites(request, sandboxUrl, second, 'Is breakfast included?')
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  await faults(request, sandboxUrl, { outage: true })
  const [a1, a2, b1] = [
    'Bien sûr, la réception est ouverte toute la nuit.',
    'Le code de la porte vous sera envoyé le jour même.',
    'Yes, breakfast is served from 7 to 10.',
  ]
  await openConversation(page, first.guestName)
  await reply(page, a1)
  await expect(bubble(page, a1)).toContainText(/Queued|Sending/)
  await openConversation(page, second.guestName)
  await reply(page, b1)

  // The page goes away with work still queued; the outbox is in IndexedDB, not in memory.
  await page.reload()
  await openConversation(page, first.guestName)
  await expect(bubble(page, a1)).toContainText(/Queued|Sending/)
  await reply(page, a2)
  expect(await sent(request, sandboxUrl)).not.toContainEqual(
    expect.objectContaining({ content: a1 }),
  )

  await faults(request, sandboxUrl, {})
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(bubble(page, a2).getByText('Sent', { exact: true })).toBeVisible({ timeout: 90_000 })
  await expect(bubble(page, a1).getByText('Sent', { exact: true })).toBeVisible()

  await expect
    .poll(
      async () =>
        (await sent(request, sandboxUrl)).filter((m) => [a1, a2, b1].includes(m.content)).length,
      {
        timeout: 60_000,
      },
    )
    .toBe(3)
  const delivered = await sent(request, sandboxUrl)
  for (const text of [a1, a2, b1])
    expect(delivered.filter((m) => m.content === text)).toHaveLength(1)
  const inFirst = delivered
    .filter((m) => m.conversation_id === first.conversationId)
    .map((m) => m.content)
  expect(inFirst.indexOf(a1)).toBeLessThan(inFirst.indexOf(a2))
})

test('a send whose answer was lost after the platform applied it is not sent again', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Clara Jansen')
  await guestWrites(request, sandboxUrl, booking, 'Can we leave our bags after check-out?')
  await page.goto(webHost.url)
  await waitForFirstSync(page)
  await openConversation(page, booking.guestName)

  // Every send is applied, then its connection is cut: the desk never hears "sent". Reads answer.
  await faults(request, sandboxUrl, { drop_rate: 1, drop_after_commit: true, methods: ['POST'] })
  const text = 'Of course, the luggage room is next to reception.'
  await reply(page, text)
  await expect
    .poll(async () => (await sent(request, sandboxUrl)).filter((m) => m.content === text).length, {
      timeout: 30_000,
    })
    .toBe(1)
  await page.waitForTimeout(2_000)
  await faults(request, sandboxUrl, {})
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
    timeout: 90_000,
  })
  expect((await sent(request, sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
  await expect(bubble(page, text)).toHaveCount(1)
})

test('a guest message sent to the platform appears after "Sync now", once even when redelivered', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Dario Rossi')
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  // Every confirmation is followed by a redelivery of a confirmed message.
  await faults(request, sandboxUrl, { redelivery_rate: 1 })
  const text = 'Buongiorno! Is there a lift in the building?'
  await guestWrites(request, sandboxUrl, booking, text)
  await page.getByRole('button', { name: 'Sync now' }).click()
  // The list is virtualised: narrow it to the guest so the row is rendered.
  await page.getByRole('searchbox', { name: 'Search messages' }).fill(booking.guestName)
  const row = page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem', { name: new RegExp(`^${booking.guestName}`) })
  await expect(row).toContainText(text, { timeout: 30_000 })
  for (let round = 0; round < 3; round += 1) {
    await page.getByRole('button', { name: 'Sync now' }).click()
    await page.waitForTimeout(700)
  }
  await openConversation(page, booking.guestName)
  await expect(conversation(page).getByText(text)).toHaveCount(1)
})
