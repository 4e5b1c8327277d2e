import { expect, test } from './fixtures'
import {
  book,
  conversation,
  guestWrites,
  LISBON,
  openConversation,
  waitForFirstSync,
} from './platform-helpers'

// A long conversation (issue 11): it opens on its latest 50 messages, or on everything from the
// first unread one, and shows earlier ones on request, 50 at a time.

test.describe.configure({ timeout: 120_000 })

test('a long conversation opens on its latest messages and shows earlier ones on request', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Ottilie Marchetti')
  for (let i = 1; i <= 60; i += 1) {
    await guestWrites(request, sandboxUrl, booking, `Question number ${i} about our stay`)
  }
  const other = await book(request, sandboxUrl, LISBON, 'Bruno Aalders')
  await guestWrites(request, sandboxUrl, other, 'Is breakfast included?')
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  // Unread: drawn from the first unread message, so all 60 and the "New" mark.
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  const messages = pane.locator('.timeline__item')
  await expect(pane.getByText('Question number 60 about our stay')).toBeVisible()
  await expect(messages).toHaveCount(60)
  await expect(pane.getByText('Question number 1 about our stay', { exact: true })).toBeAttached()
  const earlier = pane.getByRole('button', { name: 'Show earlier messages' })
  await expect(earlier).toHaveCount(0)
  // It opens at "New", scrolling the timeline only: the window itself stays where it is.
  await expect(pane.locator('.timeline__new')).toBeInViewport()
  expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0)
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeInViewport()

  // Read now: opened again it shows the latest 50, the newest in view.
  await openConversation(page, other.guestName)
  await openConversation(page, booking.guestName)
  await expect(messages).toHaveCount(50)
  await expect(pane.getByText('Question number 60 about our stay')).toBeInViewport()
  await expect(pane.getByText('Question number 10 about our stay', { exact: true })).toHaveCount(0)
  // The window has nothing to scroll: the timeline scrolls inside its pane (the visually hidden
  // labels of 50 messages made the document several screens tall).
  const documentHeight = () =>
    page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight)
  expect(await documentHeight()).toBe(0)
  await earlier.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('long-conversation.png') })
  await earlier.click()
  await expect(messages).toHaveCount(60)
  await expect(pane.getByText('Question number 1 about our stay', { exact: true })).toBeAttached()
  await expect(earlier).toHaveCount(0)
})
