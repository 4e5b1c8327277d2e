import { startTranslationDouble } from '../support/translation-double'
import type { TranslationDouble } from '../support/translation-double'
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

// The translation pane against the web host, its embedded sandbox platform and the local
// translation double (LibreTranslate's protocol on 127.0.0.1: loopback http is allowed):
// configure the service in Settings and test it, read a guest's message translated, answer in
// the guest's language and send it exactly once, then lose the service, reload, and still read
// the stored translation.

test.describe.configure({ timeout: 120_000 })

let double: TranslationDouble | null = null

test.afterEach(async () => {
  await double?.close()
  double = null
})

test('configure a service, read a guest translated, reply in their language, read it again offline', async ({
  page,
  request,
  webHost,
}) => {
  double = await startTranslationDouble()
  const sandboxUrl = webHost.sandboxUrl!
  // The booking says the guest speaks French (platform-helpers.ts).
  const booking = await book(request, sandboxUrl, LISBON, 'Odile Marchand')
  const question = "Bonjour, y a-t-il un parking près de l'hôtel ? Merci beaucoup !"
  const later = 'Bonjour, est-ce que le petit-déjeuner est servi dans la chambre ?'
  await guestWrites(request, sandboxUrl, booking, question)
  await guestWrites(request, sandboxUrl, booking, later)
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  // Settings: nothing leaves the machine until a service is chosen; then it says where to.
  await page.getByRole('link', { name: 'Settings' }).click()
  const card = page.getByRole('region', { name: 'Translation', exact: true })
  await expect(card).toContainText(
    'No translation service is set up, so guest messages never leave this computer.',
  )
  await card.getByRole('radio', { name: /^LibreTranslate or a compatible server/ }).check()
  await card.getByRole('textbox', { name: 'Server address' }).fill(double.libreUrl)
  await card.getByRole('button', { name: 'Test translation' }).click()
  await expect(card.getByRole('status')).toContainText('The service works.')
  await expect(card.getByRole('status')).toContainText(
    '[fr] Good morning! Is breakfast included in our booking?',
  )
  await card.getByRole('button', { name: 'Save' }).click()
  const host = new URL(double.libreUrl).host
  await expect(card).toContainText(`Guest messages you translate are sent to ${host}.`)

  // The guest's message: its language detected here, then translated under the original.
  await page.getByRole('link', { name: 'Inbox' }).click()
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  const message = pane.locator('.message', { hasText: question })
  // The detector (a few MB of language data) loads on first use: give it time on a busy machine.
  await expect(message.getByText('Language: French')).toBeAttached({ timeout: 30_000 })
  await message.getByRole('button', { name: 'Show translation' }).click()
  const translation = message.getByRole('region', { name: 'Translation (English)' })
  await expect(translation).toContainText(`[en] ${question}`)
  await expect(message.getByText(question, { exact: true })).toBeVisible()

  // The reply: written in English, translated into French in the Message box, sent as shown.
  await pane.getByRole('switch', { name: 'Write in my language (English)' }).click()
  await pane
    .getByRole('textbox', { name: 'Your reply (English)' })
    .fill('Yes, parking is free for our guests.')
  const outgoing = '[fr] Yes, parking is free for our guests.'
  await expect(pane.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(outgoing)
  await pane.getByRole('checkbox', { name: 'Check the meaning' }).check()
  await expect(pane.getByRole('region', { name: 'Back-translation (English)' })).toContainText(
    `[en] ${outgoing}`,
  )
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(pane.locator('.message', { hasText: outgoing }).getByText('Sent')).toBeVisible({
    timeout: 20_000,
  })
  await expect
    .poll(async () => (await sent(request, sandboxUrl)).filter((m) => m.content === outgoing))
    .toHaveLength(1)
  // Only the guest-language text left, never the English one beside it.
  const ours = (await sent(request, sandboxUrl)).filter((m) => m.content.includes('free for our'))
  expect(ours.map((m) => m.content)).toEqual([outgoing])

  // The service goes away. After a reload the stored translation is still there to read.
  await double.close()
  double = null
  await page.reload()
  await openConversation(page, booking.guestName)
  const again = conversation(page).locator('.message', { hasText: question })
  await expect(again.getByRole('region', { name: 'Translation (English)' })).toContainText(
    `[en] ${question}`,
  )
  await expect(again.getByText(question, { exact: true })).toBeVisible()
  // A translation asked for now waits for the service, and says so.
  const other = conversation(page).locator('.message', { hasText: later })
  await other.getByRole('button', { name: 'Show translation' }).click()
  await expect(other.getByRole('status')).toHaveText(
    'Waiting for the network: it will be translated as soon as the service can be reached.',
  )
})
