import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Templates end to end (issue 8) against the web host and its embedded sandbox platform: write
// a template in English and Russian with the placeholder autocomplete, preview it for a
// reservation, use it in a reply to a Russian-speaking guest of the demo seed (sent exactly
// once, in Russian), then schedule it "1 day before check-in at 10:00" and see it go out when
// the clock passes that time.
//
// Clocks: the desk decides when a scheduled message is due by its own clock (in production the
// desk's and the platform's clocks agree), while the sandbox can move its clock forward. So the
// page's clock is installed at the sandbox's time before the app loads, and both are moved
// forward together: `POST /sandbox/clock` for the platform, `page.clock.fastForward` for the
// desk (which also fires the sync engine's 30-second tick, so the scheduler runs at once).

test.describe.configure({ timeout: 180_000 })

const WISLA = '4012006'
const DAY = 86_400_000
const GUEST = 'Наталья Орлова'

async function sandboxNow(request: APIRequestContext, sandboxUrl: string): Promise<number> {
  const clock = await (await request.get(`${sandboxUrl}/sandbox/clock`)).json()
  return Date.parse(clock.now)
}

const utcDate = (instant: number, offsetDays: number) =>
  new Date(instant + offsetDays * DAY).toISOString().slice(0, 10)

async function sent(request: APIRequestContext, sandboxUrl: string) {
  const answer = await (await request.get(`${sandboxUrl}/sandbox/sent`)).json()
  return answer.messages as { conversation_id: string; content: string }[]
}

async function waitForFirstSync(page: Page): Promise<void> {
  // The first sync downloads the whole demo seed; on a busy machine that takes a while.
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText(
    /Up to date.*Last sync/,
    { timeout: 120_000 },
  )
}

test('a template in two languages is previewed, used in a Russian reply once, and sent on schedule', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const start = await sandboxNow(request, sandboxUrl)
  // A Russian guest arriving in three days at the Warsaw hotel, booked two days ago.
  const booked = await request.post(`${sandboxUrl}/sandbox/reservations`, {
    data: {
      property_id: WISLA,
      guest_name: GUEST,
      guest_language: 'ru',
      booked_at: new Date(start - 2 * DAY).toISOString(),
      checkin: utcDate(start, 3),
      checkout: utcDate(start, 5),
      status: 'confirmed',
    },
  })
  expect(booked.ok()).toBe(true)
  const { conversation_id: bookingConversation } = await booked.json()

  await page.clock.install({ time: start })
  await page.goto(webHost.url)
  await waitForFirstSync(page)

  // 1. The template: English by default, Russian beside it, placeholders from the autocomplete.
  await page.getByRole('link', { name: 'Templates' }).click()
  await page.getByRole('button', { name: 'New template' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Parking')
  await page.getByLabel('Topic').selectOption('parking')
  const english = page.getByLabel('Message in English')
  await english.click()
  await english.pressSequentially('Hello {{')
  const placeholders = page.getByRole('listbox', { name: 'Placeholders' })
  await expect(placeholders).toBeVisible()
  await english.pressSequentially('first')
  await expect(placeholders.getByRole('option')).toHaveCount(1)
  await english.press('Enter')
  await english.pressSequentially(', guests of {{property.name}} park in the courtyard, free.')
  await expect(english).toHaveValue(
    'Hello {{guest.firstName}}, guests of {{property.name}} park in the courtyard, free.',
  )
  await page.getByLabel('Add a language…', { exact: true }).selectOption('ru')
  await expect(page.getByRole('tab', { name: 'Russian' })).toHaveAttribute('aria-selected', 'true')
  await page
    .getByLabel('Message in Russian')
    .fill(
      'Здравствуйте, {{guest.firstName}}! Гости {{property.name}} паркуются во дворе бесплатно.',
    )
  await page.getByRole('switch', { name: 'Active' }).click()
  await expect(page.getByRole('switch', { name: 'Active' })).toHaveAttribute('aria-checked', 'true')
  await page.getByRole('button', { name: 'Save template' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()

  // 2. The preview, for the Russian guest: filled, judged by the policy, counted.
  await page.getByLabel('Find a reservation by guest name').fill('Наталья')
  await expect(page.getByLabel('Reservation to preview with')).toContainText(GUEST)
  const russian = 'Здравствуйте, Наталья! Гости Hotel Wisła Powiśle паркуются во дворе бесплатно.'
  await expect(page.getByTestId('template-preview-text')).toHaveText(russian)
  await expect(
    page.getByText("The platform's rules allow this text for this guest now."),
  ).toBeVisible()
  await expect(page.getByText(`${[...russian].length} of 5,000 characters`)).toBeVisible()

  // 3. A reply to a Russian-speaking guest of the demo seed, found by what they wrote.
  await page.getByRole('link', { name: 'Inbox' }).click()
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('Здравствуйте')
  const upcomingRussians = page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem')
    .filter({ hasText: 'Здравствуйте' })
    .filter({ hasText: 'Upcoming' })
    .filter({ hasNotText: GUEST })
  await expect(upcomingRussians.first()).toBeVisible({ timeout: 20_000 })
  const guestName = (await upcomingRussians.first().innerText()).split('\n')[0]!.trim()
  const firstName = guestName.split(' ')[0]!
  // The row read, found again by its guest: the demo's guests keep writing, and a new match
  // may come first between reading the first row and clicking it.
  await upcomingRussians.filter({ hasText: guestName }).first().getByRole('button').first().click()
  const pane = page.getByRole('region', { name: 'Conversation', exact: true })
  await expect(pane.getByRole('heading', { name: guestName })).toBeVisible()
  await pane.getByRole('button', { name: 'Templates', exact: true }).click()
  const search = pane.getByRole('combobox', { name: 'Search templates' })
  await expect(search).toBeFocused()
  await search.fill('park')
  await search.press('Enter')
  const message = pane.getByRole('textbox', { name: 'Message' })
  await expect(message).toHaveValue(new RegExp(`^Здравствуйте, ${firstName}! Гости `))
  const reply = await message.inputValue()
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(pane.getByText('Sent from template “Parking”')).toBeVisible({ timeout: 30_000 })
  await expect
    .poll(async () => (await sent(request, sandboxUrl)).filter((m) => m.content === reply).length, {
      timeout: 30_000,
    })
    .toBe(1)

  // 4. Scheduled: 1 day before check-in at 10:00, Russian guests of the Warsaw hotel.
  await page.getByRole('link', { name: 'Templates' }).click()
  await page.getByRole('tab', { name: 'Scheduled sends' }).click()
  await page.getByRole('button', { name: 'New scheduled send' }).click()
  const rule = page.getByRole('form', { name: 'New scheduled send' })
  await rule.getByLabel('Template').selectOption({ label: 'Parking' })
  await rule.getByLabel('When').selectOption('beforeCheckIn')
  await rule.getByLabel('Days').fill('1')
  await rule.getByLabel('Time at the property').fill('10:00')
  await rule.getByRole('checkbox', { name: 'Hotel Wisła Powiśle' }).check()
  await rule.getByRole('checkbox', { name: 'Russian' }).check()
  await rule.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('1 day before check-in, at 10:00 AM')).toBeVisible()

  await page.getByRole('tab', { name: 'Upcoming' }).click()
  const stay = page.getByRole('article', { name: GUEST })
  await expect(stay).toContainText('Scheduled')
  await expect(stay).toContainText('Goes out')

  // 5. Both clocks past the due time (the day before check-in, 12:00 UTC, after 10:00 in
  // Warsaw whatever the season) but before check-in: it goes out once, in Russian.
  const before = await sent(request, sandboxUrl)
  expect(before.filter((m) => m.conversation_id === bookingConversation)).toEqual([])
  const target = Date.parse(`${utcDate(start, 2)}T12:00:00Z`)
  const advance = target - (await sandboxNow(request, sandboxUrl))
  const moved = await request.post(`${sandboxUrl}/sandbox/clock`, { data: { advance_ms: advance } })
  expect(moved.ok()).toBe(true)
  await page.clock.fastForward(advance)
  const scheduled = async () =>
    (await sent(request, sandboxUrl)).filter((m) => m.conversation_id === bookingConversation)
  await expect.poll(async () => (await scheduled()).length, { timeout: 60_000 }).toBe(1)
  expect((await scheduled())[0]?.content).toBe(russian)
  await expect(stay).toContainText('Sent', { timeout: 30_000 })

  // More runs later (the next tick, a sync by hand), still once.
  await page.clock.fastForward(60_000)
  await page.getByRole('link', { name: 'Inbox' }).click()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await waitForFirstSync(page)
  expect(await scheduled()).toHaveLength(1)
})
