import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Everything here is done with the keyboard alone: no click, no hover.

// Each test waits for the desk's first sync of the demo data, which takes a while on a busy machine.
test.describe.configure({ timeout: 120_000 })

const list = (page: Page) => page.getByRole('list', { name: 'Conversations' })
const selected = (page: Page) => list(page).locator('[aria-current="true"]')
const conversation = (page: Page) => page.getByRole('region', { name: 'Conversation', exact: true })

/** Leaves whatever field has focus, the way a user would: focus goes back to the page. */
async function leaveField(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

async function openInbox(page: Page, url: string): Promise<void> {
  await page.goto(url)
  // The first sync fills the list; once a whole run is done the order stays put.
  const status = page.getByRole('status', { name: 'Sync status' })
  await expect(status).toContainText('Last sync', { timeout: 90_000 })
  await expect(status).toContainText('Up to date')
  await expect(list(page).getByRole('listitem').first()).toBeVisible()
}

test('moves through the conversations, opens one and goes to reply', async ({ page, webHost }) => {
  await openInbox(page, webHost.url)

  await page.keyboard.press('j')
  await expect(selected(page)).toHaveCount(1)
  const first = (await selected(page).getAttribute('data-conversation-id'))!
  await page.keyboard.press('j')
  await expect(selected(page)).not.toHaveAttribute('data-conversation-id', first)
  const second = (await selected(page).getAttribute('data-conversation-id'))!
  await page.keyboard.press('k')
  await expect(selected(page)).toHaveAttribute('data-conversation-id', first)
  await page.keyboard.press('ArrowDown')
  await expect(selected(page)).toHaveAttribute('data-conversation-id', second)
  await page.keyboard.press('ArrowUp')
  await expect(selected(page)).toHaveAttribute('data-conversation-id', first)

  // The selected conversation is the one shown, named after its guest.
  const guest = (await selected(page).locator('.row__guest').textContent())!.trim()
  await expect(conversation(page)).toContainText(guest)

  // Enter: reading starts in the conversation's pane.
  await page.keyboard.press('Enter')
  await expect
    .poll(() =>
      page.evaluate(() => {
        const region = [...document.querySelectorAll('section[aria-label]')].find(
          (element) => element.getAttribute('aria-label') === 'Conversation',
        )
        return region?.contains(document.activeElement) ?? false
      }),
    )
    .toBe(true)

  // R: to the message box, without typing an R into it.
  await page.keyboard.press('r')
  const message = conversation(page).getByRole('textbox', { name: 'Message' })
  await expect(message).toBeFocused()
  await expect(message).toHaveValue('')

  // Typing is typing: J and ? write letters, they move nothing and open nothing.
  await page.keyboard.type('just checking?')
  await expect(message).toHaveValue('just checking?')
  await expect(selected(page)).toHaveAttribute('data-conversation-id', first)
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('searches with / and switches "No reply needed" with Shift+N', async ({ page, webHost }) => {
  await openInbox(page, webHost.url)

  await page.keyboard.press('/')
  const search = page.getByRole('searchbox', { name: 'Search messages' })
  await expect(search).toBeFocused()
  await expect(search).toHaveValue('')
  await leaveField(page)

  // A conversation that can carry the tag (booking requests cannot). Each step waits until the
  // pane shows the conversation just selected: a busy machine may still show the previous one.
  const toggle = conversation(page).getByRole('switch', { name: 'No reply needed' })
  let previous: string | null = null
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('j')
    if (previous) await expect(selected(page)).not.toHaveAttribute('data-conversation-id', previous)
    previous = await selected(page).getAttribute('data-conversation-id')
    const guest = (await selected(page).locator('.row__guest').textContent())!.trim()
    await expect(conversation(page).getByRole('heading', { level: 2 })).toHaveText(guest, {
      timeout: 15_000,
    })
    await expect(toggle).toBeVisible()
    if (await toggle.isEnabled()) break
  }
  await expect(toggle).toBeEnabled()
  const before = await toggle.getAttribute('aria-checked')
  await page.keyboard.press('Shift+N')
  await expect(toggle).toHaveAttribute('aria-checked', before === 'true' ? 'false' : 'true', {
    timeout: 15_000,
  })
  await page.keyboard.press('Shift+N')
  await expect(toggle).toHaveAttribute('aria-checked', before ?? 'false', { timeout: 15_000 })
})

test('lists the shortcuts in a dialog that keeps focus and gives it back', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url)
  await expect(page.getByRole('link', { name: 'Inbox' })).toBeVisible()
  // Tab to the top bar's first link: focus starts somewhere the dialog must return it to.
  await page.keyboard.press('Tab')
  // Mark the element itself: its text (e.g. the live reply score) may change meanwhile.
  await page.locator(':focus').evaluate((element) => element.setAttribute('data-test-opener', ''))

  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  for (const action of [
    'Next conversation',
    'Previous conversation',
    'Open the selected conversation',
    'Reply: go to the message box',
    'Switch “No reply needed” on or off',
    'Search messages',
    'Sync now',
    'Show these shortcuts',
  ]) {
    await expect(dialog.getByText(action, { exact: true })).toBeVisible()
  }
  const close = dialog.getByRole('button', { name: 'Close' })
  await expect(close).toBeFocused()
  // Focus stays inside: Tab and Shift+Tab come back to the only control.
  await page.keyboard.press('Tab')
  await expect(close).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(close).toBeFocused()
  // While it is open, shortcuts are off.
  await page.keyboard.press('j')
  await expect(page).not.toHaveURL(/reservations/)

  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(page.locator('[data-test-opener]')).toBeFocused()
})

test('opens the help from the top bar with the keyboard', async ({ page, webHost }) => {
  await page.goto(webHost.url)
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' })
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(button).toBeFocused()
})
