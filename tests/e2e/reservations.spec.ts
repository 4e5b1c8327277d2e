import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test, type WebHostProcess } from './fixtures'

// A property of our own on the built-in platform, with one booking per case, made before the
// page opens so the desk's first sync brings it in with the demo properties.

const DAY = 24 * 60 * 60 * 1000

// Each test waits for the desk's first sync of the demo data, which takes a while on a busy machine.
test.describe.configure({ timeout: 120_000 })
const zone = 'Europe/Lisbon'
const propertyName = 'Pousada Teste da Ria'

interface World {
  propertyId: string
  today: string
}

function dateIn(now: number, days: number): string {
  // en-CA formats as YYYY-MM-DD; the property's calendar, not the test machine's.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now + days * DAY)
}

async function makeWorld(request: APIRequestContext, host: WebHostProcess): Promise<World> {
  const api = host.sandboxUrl!
  const now = Date.parse((await (await request.get(`${api}/sandbox/clock`)).json()).now)
  const property = await request.post(`${api}/sandbox/properties`, {
    data: { name: propertyName, time_zone: zone, checkout_time: '11:00' },
  })
  expect(property.ok()).toBe(true)
  const propertyId = (await property.json()).property_id as string
  const booking = (guest: string, checkin: number, checkout: number, bookedDaysAgo = 20) => ({
    property_id: propertyId,
    guest_name: guest,
    guest_language: 'pt',
    booked_at: new Date(now - bookedDaysAgo * DAY).toISOString(),
    checkin: dateIn(now, checkin),
    checkout: dateIn(now, checkout),
    status: 'confirmed',
  })
  const made = await request.post(`${api}/sandbox/reservations`, {
    data: [
      booking('Marta Reis', 0, 2),
      booking('Inês Duarte', -2, 3),
      booking('Rui Couto', -3, 0),
      booking('Tomás Vieira', 9, 12),
      booking('Olga Petrova', -64, -60, 100),
    ],
  })
  expect(made.ok()).toBe(true)
  return { propertyId, today: dateIn(now, 0) }
}

async function openReservations(page: Page, host: WebHostProcess): Promise<void> {
  await page.goto(host.url)
  await page.getByRole('link', { name: 'Reservations' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reservations' })).toBeVisible()
  // The first sync brings the properties in; then ours can be chosen.
  const picker = page.getByRole('combobox', { name: 'Property' })
  await expect(picker.getByRole('option', { name: propertyName })).toBeAttached({
    timeout: 60_000,
  })
  await picker.selectOption({ label: propertyName })
  // Its bookings follow the property in the same sync.
  await expect(page.getByRole('tab', { name: /Arrivals today/ })).toHaveAccessibleName(
    'Arrivals today 1',
    { timeout: 60_000 },
  )
}

const booking = (page: Page, guest: string) =>
  page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: guest })

test("lists today's arrivals and the guests in house of the chosen property", async ({
  page,
  request,
  webHost,
}) => {
  await makeWorld(request, webHost)
  await openReservations(page, webHost)

  const arrivals = page.getByRole('tab', { name: /Arrivals today/ })
  await expect(arrivals).toHaveAttribute('aria-selected', 'true')
  await expect(arrivals).toContainText('1')
  await expect(booking(page, 'Marta Reis')).toContainText('Arriving today')
  await expect(booking(page, 'Marta Reis')).toContainText('2 nights')
  await expect(page.getByRole('tabpanel').getByRole('listitem')).toHaveCount(1)

  await page.getByRole('tab', { name: /In house/ }).click()
  await expect(booking(page, 'Inês Duarte')).toContainText('In house')
  await expect(page.getByRole('tabpanel').getByRole('listitem')).toHaveCount(1)

  await page.getByRole('tab', { name: /Departures today/ }).click()
  await expect(booking(page, 'Rui Couto')).toBeVisible()

  // The tabs follow the arrow keys, as tabs do.
  await page.getByRole('tab', { name: /Departures today/ }).press('ArrowRight')
  await expect(page.getByRole('tab', { name: /Upcoming/ })).toBeFocused()
  await expect(booking(page, 'Tomás Vieira')).toContainText('Upcoming')
})

test('opens the conversation of a booking in the inbox', async ({ page, request, webHost }) => {
  await makeWorld(request, webHost)
  await openReservations(page, webHost)

  const marta = booking(page, 'Marta Reis')
  await expect(marta).toContainText('You can message this guest until')
  await marta.getByRole('button', { name: /(Start|Open) conversation/ }).click()

  await expect(page).toHaveURL(/#\/$/)
  await expect(page.getByRole('link', { name: 'Inbox' })).toHaveClass(/is-active/)
  const conversation = page.getByRole('region', { name: 'Conversation', exact: true })
  await expect(conversation).toContainText('Marta Reis', { timeout: 10_000 })
  await expect(conversation.getByRole('textbox', { name: 'Message' })).toBeVisible()
})

test('starts the conversation of a booking made after the first sync', async ({
  page,
  request,
  webHost,
}) => {
  const world = await makeWorld(request, webHost)
  await openReservations(page, webHost)
  await page.getByRole('tab', { name: /Upcoming/ }).click()
  await expect(booking(page, 'Tomás Vieira')).toBeVisible()

  const now = Date.parse(
    (await (await request.get(`${webHost.sandboxUrl}/sandbox/clock`)).json()).now,
  )
  const made = await request.post(`${webHost.sandboxUrl}/sandbox/reservations`, {
    data: {
      property_id: world.propertyId,
      guest_name: 'Beatriz Lopes',
      guest_language: 'es',
      booked_at: new Date(now - 60_000).toISOString(),
      checkin: dateIn(now, 15),
      checkout: dateIn(now, 17),
      status: 'confirmed',
    },
  })
  expect(made.ok()).toBe(true)
  // Shift+S syncs now, from any screen.
  await page.locator('body').press('Shift+S')
  const beatriz = booking(page, 'Beatriz Lopes')
  await expect(beatriz).toBeVisible({ timeout: 45_000 })
  await beatriz.getByRole('button', { name: 'Start conversation' }).click()
  await expect(page).toHaveURL(/#\/$/)
  await expect(page.getByRole('region', { name: 'Conversation', exact: true })).toContainText(
    'Beatriz Lopes',
    { timeout: 10_000 },
  )
})

test('shows why a booking that ended long ago can no longer be messaged', async ({
  page,
  request,
  webHost,
}) => {
  await makeWorld(request, webHost)
  await openReservations(page, webHost)
  await page.getByRole('tab', { name: 'Past' }).click()

  const olga = booking(page, 'Olga Petrova')
  await expect(olga).toContainText('Departed')
  await expect(olga).toContainText('The messaging window closed on')
  await expect(olga).toContainText('You can write again only if the guest sends a message.')
  await expect(olga.getByRole('button')).toHaveCount(0)
})
