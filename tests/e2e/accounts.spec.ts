import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from './fixtures'

test('adds an account on the embedded platform, tests it, and removes it', async ({
  page,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const account = { client_id: 'e2e-front-desk', client_secret: 'e2e-front-desk-secret' }
  const created = await fetch(`${sandboxUrl}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  })
  expect(created.ok).toBe(true)

  await page.goto(webHost.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  const card = page.getByRole('region', { name: 'Booking platform' })
  await expect(card.getByText('Built-in demo platform')).toBeVisible()
  await expect(card.getByRole('status', { name: 'Connection' })).toHaveText('Online')

  await card.getByLabel('Name').fill('Hotel Aurora')
  await card.getByLabel('Base URL').fill(sandboxUrl)
  await card.getByLabel('Client ID').fill(account.client_id)
  await card.getByLabel('Client secret').fill('wrong-secret')
  await card.getByRole('button', { name: 'Test connection' }).click()
  await expect(card.getByRole('alert')).toHaveText('The platform refused the client ID or secret.')

  await card.getByLabel('Client secret').fill(account.client_secret)
  await card.getByRole('button', { name: 'Test connection' }).click()
  await expect(
    card.getByText(/^Connected\. The account manages \d+ propert(y|ies)\.$/),
  ).toBeVisible()

  await card.getByRole('button', { name: 'Add account' }).click()
  await expect(card.getByText('Account added. This desk now uses it.')).toBeVisible()
  await expect(card.getByRole('listitem').filter({ hasText: 'Hotel Aurora' })).toContainText(
    'In use',
  )
  await expect(card.getByRole('status', { name: 'Connection' })).toHaveText('Online')

  // The secret stays out of the account file and out of the form.
  const accountsFile = await readFile(path.join(webHost.dataDir, 'accounts.json'), 'utf8')
  expect(accountsFile).toContain('Hotel Aurora')
  expect(accountsFile).not.toContain(account.client_secret)
  await expect(card.getByLabel('Client secret')).toHaveValue('')

  await card.getByRole('button', { name: 'Remove Hotel Aurora' }).click()
  await card.getByRole('button', { name: 'Remove account' }).click()
  await expect(card.getByText('Hotel Aurora')).toHaveCount(0)
  await expect(card.getByText('Built-in demo platform')).toBeVisible()
  expect(await readFile(path.join(webHost.dataDir, 'secrets.json'), 'utf8')).not.toContain(
    account.client_secret,
  )
})

test('refuses a plain-http address to another machine and says what to enter', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  const card = page.getByRole('region', { name: 'Booking platform' })
  await card.getByLabel('Base URL').fill('http://platform.example')
  await card.getByRole('button', { name: 'Add account' }).click()
  await expect(card.getByText('Enter a name.')).toBeVisible()
  await expect(
    card.getByText('Enter an address starting with https:// (plain http only for this computer).'),
  ).toBeVisible()
  await expect(card.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true')
})
