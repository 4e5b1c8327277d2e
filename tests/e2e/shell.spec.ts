import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, startWebHost, stopWebHost, test } from './fixtures'

test('switches the UI to Arabic right to left, then Thai, then back to English', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url)
  await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')

  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الإعدادات')

  await page.getByRole('combobox', { name: 'اللغة', exact: true }).selectOption('th')
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('การตั้งค่า')

  await page.getByRole('combobox', { name: 'ภาษา', exact: true }).selectOption('en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('remembers the chosen language across a reload and a restart of the host', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('pl')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ustawienia')
  const settingsFile = path.join(webHost.dataDir, 'settings.json')
  await expect
    .poll(async () => JSON.parse(await readFile(settingsFile, 'utf8').catch(() => '{}')).language)
    .toBe('pl')

  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ustawienia')

  await stopWebHost(webHost)
  const restarted = await startWebHost(webHost.dataDir)
  try {
    await page.goto(restarted.url)
    await expect(page.getByRole('link', { name: 'Ustawienia' })).toBeVisible()
  } finally {
    await stopWebHost(restarted)
  }
})

test('follows the system language until the user chooses one', async ({ browser, webHost }) => {
  // The web host was started with LANG=en_US; the browser's own languages come second.
  const context = await browser.newContext({ locale: 'de-DE' })
  const page = await context.newPage()
  await page.goto(webHost.url)
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible()
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('combobox', { name: 'Language', exact: true })).toHaveValue('system')
  await context.close()
})

test('shows the three panes with their empty states and accessible names', async ({
  page,
  webHost,
}) => {
  // The desk syncs its built-in platform's demo data on first launch; an empty platform
  // shows the empty states.
  const reset = await fetch(`${webHost.sandboxUrl}/sandbox/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ seed: 'empty' }),
  })
  expect(reset.ok).toBe(true)
  await page.goto(webHost.url)
  await expect(page.getByRole('navigation', { name: 'Properties' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Conversations', exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Conversation', exact: true })).toBeVisible()
  await expect(page.getByText('No properties yet')).toBeVisible()
  await expect(page.getByText('No conversation selected')).toBeVisible()
  // The token is taken out of the address bar once the page has it.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)
})

test('keeps keyboard focus visible', async ({ page, webHost }) => {
  await page.goto(webHost.url)
  await expect(page.getByRole('link', { name: 'Inbox' })).toBeVisible()
  await page.keyboard.press('Tab')
  const focused = page.locator(':focus-visible')
  await expect(focused).toHaveCount(1)
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).toBe('solid')
})

test('runs under the Content-Security-Policy without a violation', async ({ page, webHost }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text())
  })
  const response = await page.goto(webHost.url)
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible()
  expect(violations).toEqual([])
  // An inline script, the way injected guest HTML would try to run, is refused.
  const ran = await page.evaluate(async () => {
    const reported = new Promise((resolve) =>
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true }),
    )
    const script = document.createElement('script')
    script.textContent = 'document.body.dataset.injected = "yes"'
    document.head.append(script)
    await reported
    return document.body.dataset.injected ?? 'no'
  })
  expect(ran).toBe('no')
})

test('tells the user when the background service does not answer, and recovers', async ({
  page,
  webHost,
}) => {
  // The page is still served, but every bridge call fails as if the service had died.
  await page.route('**/api/invoke/**', (route) => route.abort('connectionrefused'))
  await page.goto(webHost.url)
  await expect(page.getByRole('alert')).toContainText("Innbox can't reach its background service")
  await page.unroute('**/api/invoke/**')
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible()
})

test('starts the embedded sandbox platform with demo data and its control API', async ({
  request,
  webHost,
}) => {
  expect(webHost.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const clock = await request.get(`${webHost.sandboxUrl}/sandbox/clock`)
  expect(clock.ok()).toBe(true)
  expect(Date.parse((await clock.json()).now)).not.toBeNaN()
})
