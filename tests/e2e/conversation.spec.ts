import { deflateSync } from 'node:zlib'
import { expect, test } from './fixtures'
import {
  book,
  conversation,
  guestWrites,
  LISBON,
  LYON,
  openConversation,
  sent,
  unreadConversations,
  waitForFirstSync,
} from './platform-helpers'

// The conversation pane against the web host and its embedded sandbox platform: open (read),
// reply (outbox → platform, exactly once), "No reply needed", photos shrunk to fit, hostile
// guest text, a policy refusal before sending, Arabic layout.

// Each test waits for the desk's first sync of the demo seed before it starts.
test.describe.configure({ timeout: 90_000 })

/** A PNG of random pixels: noise does not compress, so it stays over 1 MB. */
function noisyPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let i = 0; i < rows.length; i += 1)
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : Math.floor(Math.random() * 256)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

test('opening a conversation reads it, and a reply reaches the platform exactly once', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Zélie Fontaine')
  await guestWrites(request, sandboxUrl, booking, 'Bonjour, y a-t-il un parking ?')
  await page.goto(webHost.url)
  await waitForFirstSync(page)
  const unreadBefore = await unreadConversations(page)
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  await expect(pane.getByText('Bonjour, y a-t-il un parking ?')).toBeVisible()
  // Read on this desk at once: the row loses its unread mark, the count drops.
  await expect(
    page.getByRole('listitem', { name: new RegExp(`^${booking.guestName}`) }),
  ).not.toHaveAccessibleName(/unread/)
  await expect.poll(() => unreadConversations(page)).toBe(unreadBefore - 1)

  // The answer is slow: the message shows where it is until the platform has it.
  await request.post(`${sandboxUrl}/sandbox/faults`, { data: { latency_ms: 1_500 } })
  const reply = 'Bonjour Zélie, oui : le parking est gratuit.'
  await pane.getByRole('textbox', { name: 'Message' }).fill(reply)
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  const ours = pane.locator('.message', { hasText: reply })
  await expect(ours.locator('.delivery')).toHaveText(/^\s*(Queued|Sending)\s*$/)
  await expect(pane.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  await request.post(`${sandboxUrl}/sandbox/faults`, { data: {} })
  await expect(ours.getByText('Sent', { exact: true })).toBeVisible({ timeout: 15_000 })
  await expect
    .poll(async () => (await sent(request, sandboxUrl)).filter((m) => m.content === reply).length)
    .toBe(1)
  // Still once after the desk pulled the platform's own copy.
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(pane.locator('.message', { hasText: reply })).toHaveCount(1)
  expect((await sent(request, sandboxUrl)).filter((m) => m.content === reply)).toHaveLength(1)
})

test('"No reply needed" is a switch that reaches the platform: another desk sees it', async ({
  page,
  browser,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Hugo Lambert')
  await guestWrites(request, sandboxUrl, booking, 'Merci pour tout !')
  await page.goto(webHost.url)
  await waitForFirstSync(page)
  await openConversation(page, booking.guestName)
  const toggle = conversation(page).getByRole('switch', { name: 'No reply needed' })
  await expect(toggle).toHaveAttribute('aria-checked', 'false')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-checked', 'true')

  // A second desk (its own offline store) learns it from the platform, not from this desk,
  // once this desk's outbox has sent it (at once: the first sync is over).
  await page.waitForTimeout(1_500)
  const other = await browser.newContext()
  try {
    const desk = await other.newPage()
    await desk.goto(webHost.url)
    await openConversation(desk, booking.guestName)
    await expect(
      conversation(desk).getByRole('switch', { name: 'No reply needed' }),
    ).toHaveAttribute('aria-checked', 'true')
  } finally {
    await other.close()
  }
})

test('a photo over 1 MB is shrunk to fit in one click and sent with the reply', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Inès Moreau')
  await guestWrites(request, sandboxUrl, booking, 'Pouvez-vous m’envoyer une photo de la chambre ?')
  await page.goto(webHost.url)
  await waitForFirstSync(page)
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  const png = noisyPng(900, 600)
  expect(png.length).toBeGreaterThan(1024 * 1024)

  const chooser = page.waitForEvent('filechooser')
  await pane.getByRole('button', { name: 'Attach photos' }).click()
  await (await chooser).setFiles({ name: 'chambre.png', mimeType: 'image/png', buffer: png })
  await expect(pane.getByText(/over the 1 MB limit/)).toBeVisible()
  await pane.getByRole('textbox', { name: 'Message' }).fill('Voici la chambre.')
  await expect(pane.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()

  await pane.getByRole('button', { name: 'Shrink to fit' }).click()
  await expect(pane.getByText(/^Shrunk from 1\.\d MB to \d+ kB$/)).toBeVisible({ timeout: 15_000 })
  await expect(pane.getByText('chambre.jpg')).toBeVisible()
  await pane.getByRole('button', { name: 'Send', exact: true }).click()

  const ours = pane.locator('.message', { hasText: 'Voici la chambre.' })
  await expect(ours.getByText('Sent', { exact: true })).toBeVisible({ timeout: 15_000 })
  await expect
    .poll(async () =>
      (await sent(request, sandboxUrl)).find((m) => m.content === 'Voici la chambre.'),
    )
    .toMatchObject({ attachment_ids: [expect.any(String)] })
  // The photo opens large in a dialog that Escape closes.
  await ours.getByRole('button', { name: /^Open photo/ }).click()
  const viewer = page.getByRole('dialog')
  await expect(viewer.getByRole('img')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
})

test('a PDF renamed .jpg is refused by its bytes', async ({ page, request, webHost }) => {
  const booking = await book(request, webHost.sandboxUrl!, LISBON, 'Paul Girard')
  await page.goto(webHost.url)
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  const chooser = page.waitForEvent('filechooser')
  await pane.getByRole('button', { name: 'Attach photos' }).click()
  await (
    await chooser
  ).setFiles({ name: 'facture.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7\n%…') })
  await expect(
    pane.getByText('“facture.jpg” is really a PDF document.', { exact: false }),
  ).toBeVisible()
  await pane.getByRole('textbox', { name: 'Message' }).fill('Votre facture')
  await expect(pane.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
})

test('a hostile guest message is shown as inert text', async ({ page, request, webHost }) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Mallory Test')
  const hostile = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</script>',
    '<a href="javascript:window.__pwned=1">click me</a>',
    '<svg onload="window.__pwned=1"></svg>',
    'Invoice for room 12\u202Efdp.exe',
  ].join('\n')
  await guestWrites(request, sandboxUrl, booking, hostile)
  await page.goto(webHost.url)
  await openConversation(page, booking.guestName)
  const body = conversation(page).locator('.message--guest .guest-text__body')
  await expect(body).toContainText('<script>window.__pwned=1</script>')
  await expect(body).toContainText('<img src=x onerror="window.__pwned=1">')
  await expect(body.locator('*')).toHaveCount(0)
  await body.click() // a click on the would-be link does nothing either
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  )
})

test('a link in a property whose links are switched off is refused before sending', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LYON, 'Léa Martin')
  await guestWrites(request, sandboxUrl, booking, 'Où se trouve l’appartement ?')
  await page.goto(webHost.url)
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  await pane
    .getByRole('textbox', { name: 'Message' })
    .fill('Le plan : https://maps.example/traboules')
  await expect(
    pane.getByText(/the platform has switched off links for this property/),
  ).toBeVisible()
  await expect(pane.getByText('https://maps.example/traboules', { exact: true })).toBeVisible()
  await expect(pane.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await pane.getByRole('textbox', { name: 'Message' }).press('Control+Enter')
  await pane.getByRole('textbox', { name: 'Message' }).fill('Au 12 rue Saint-Jean, 2e étage.')
  await expect(pane.getByRole('button', { name: 'Send', exact: true })).toBeEnabled()
  expect(await sent(request, sandboxUrl)).not.toContainEqual(
    expect.objectContaining({ conversation_id: booking.conversationId }),
  )
})

test('the conversation mirrors in Arabic', async ({ page, request, webHost }) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Karim Haddad')
  await guestWrites(request, sandboxUrl, booking, 'مرحبا، هل يمكننا الوصول متأخرين؟')
  await page.goto(webHost.url)
  await waitForFirstSync(page)
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await page.getByRole('link', { name: 'صندوق الوارد' }).click()
  await page.getByRole('searchbox').fill(booking.guestName)
  await page.locator('[data-conversation-id]', { hasText: booking.guestName }).click()
  const pane = page.getByRole('region', { name: 'المحادثة', exact: true })
  await expect(pane.getByRole('switch', { name: 'لا حاجة إلى رد' })).toBeVisible({
    timeout: 15_000,
  })
  await expect(pane.getByRole('textbox', { name: 'الرسالة' })).toBeVisible()
  await expect(pane.getByRole('button', { name: 'إرسال', exact: true })).toBeDisabled()
  // The guest writes from the start side, which in Arabic is the right.
  const bubble = await pane.locator('.message--guest').boundingBox()
  const region = await pane.boundingBox()
  expect(bubble && region).toBeTruthy()
  expect(region!.x + region!.width - (bubble!.x + bubble!.width)).toBeLessThan(80)
  expect(bubble!.x - region!.x).toBeGreaterThan(80)
})
