import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { waitForFirstSync } from './platform-helpers'

// The inbox's left and middle panes against the web host and its embedded sandbox platform:
// triage across properties, filters, sort, search in several scripts, Sync now, and Arabic.

const CASA = { id: '4012001', name: 'Casa do Limoeiro Guesthouse' }

// Each test bootstraps a fresh desk from the sandbox (about 240 conversations) first.
test.describe.configure({ timeout: 120_000 })

async function openSynced(page: Page, url: string): Promise<void> {
  await page.goto(url)
  // "Up to date" alone also shows before the first sync has run; "Last sync" only after it.
  await waitForFirstSync(page)
  // The list follows the store within a moment of the last write.
  await expect.poll(() => listCount(page), { timeout: 30_000 }).toBeGreaterThan(200)
}

const list = (page: Page) => page.getByRole('list', { name: 'Conversations' })
const rows = (page: Page) => list(page).getByRole('listitem')
const property = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation', { name: 'Properties' }).getByRole('button', { name })

/** The number in a counter's spoken text ("3 unread conversations"), 0 when it is absent. */
async function spokenCount(item: Locator, pattern: RegExp): Promise<number> {
  const texts = await item.locator('.visually-hidden').allInnerTexts()
  const match = texts.map((text) => pattern.exec(text)).find(Boolean)
  return match ? Number(match[1]) : 0
}

async function listCount(page: Page): Promise<number> {
  const text = await page.locator('.pane-header__count').innerText()
  return Number(/([\d,]+) conversation/.exec(text)![1]!.replace(/,/g, ''))
}

test('counts in the sidebar match the list of each property', async ({ page, webHost }) => {
  await openSynced(page, webHost.url)
  const names = [
    'All properties',
    CASA.name,
    'Hotel Jardín del Turia',
    'Chao Phraya Riverside Hotel',
  ]
  for (const name of names) {
    const item = property(page, new RegExp(`^${name}`))
    await item.click()
    await expect(item).toHaveAttribute('aria-current', 'true')
    const unread = await spokenCount(item, /(\d+) unread conversation/)
    const needsReply = await spokenCount(item, /(\d+) waiting for a reply/)

    await page.getByRole('button', { name: 'Unread', exact: true }).click()
    await expect.poll(() => listCount(page)).toBe(unread)
    await page.getByRole('button', { name: 'Unread', exact: true }).click()

    await page.getByRole('button', { name: 'Needs reply', exact: true }).click()
    await expect.poll(() => listCount(page)).toBe(needsReply)
    await page.getByRole('button', { name: 'Needs reply', exact: true }).click()
  }
  // One property's rows all name it.
  await property(page, new RegExp(`^${CASA.name}`)).click()
  await expect(rows(page).first()).toHaveAttribute('aria-label', new RegExp(CASA.name))
  const labels = await rows(page).evaluateAll((items) =>
    items.map((li) => li.getAttribute('aria-label') ?? ''),
  )
  expect(labels.length).toBeGreaterThan(3)
  for (const label of labels) expect(label).toContain(CASA.name)
})

test('filters by needs reply and unread with their pressed state', async ({ page, webHost }) => {
  await openSynced(page, webHost.url)
  const needsReply = page.getByRole('button', { name: 'Needs reply', exact: true })
  const unread = page.getByRole('button', { name: 'Unread', exact: true })
  await expect(needsReply).toHaveAttribute('aria-pressed', 'false')
  const all = await listCount(page)

  await needsReply.click()
  await expect(needsReply).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => listCount(page)).toBeLessThan(all)
  const owed = await listCount(page)
  // Every conversation shown owes a reply: each says how long is left, or that it is late.
  const labels = () =>
    rows(page).evaluateAll((items) => items.map((li) => li.getAttribute('aria-label') ?? ''))
  const allMatch = async (pattern: RegExp) => (await labels()).every((label) => pattern.test(label))
  await expect.poll(() => allMatch(/Reply within|Overdue by|Reply window closed/)).toBe(true)

  await unread.click()
  await expect(unread).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => allMatch(/unread message/)).toBe(true)
  expect((await labels()).length).toBeGreaterThan(0)

  // Filters stay for the session.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Needs reply', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
    { timeout: 20_000 },
  )
  await page.getByRole('button', { name: 'Clear filters' }).first().click()
  await expect(page.getByRole('button', { name: 'Unread', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await expect.poll(() => listCount(page), { timeout: 15_000 }).toBeGreaterThan(owed)
})

test('sorts by reply deadline, last activity and arrival', async ({ page, webHost }) => {
  await openSynced(page, webHost.url)
  const sort = page.getByRole('combobox', { name: 'Sort by' })
  await expect(sort).toHaveValue('replyDeadline')
  const firstIds = () =>
    list(page)
      .locator('button[data-conversation-id]')
      .evaluateAll((buttons) =>
        buttons.slice(0, 5).map((b) => b.getAttribute('data-conversation-id')),
      )
  // Most urgent first: the first row owes a reply.
  await expect(rows(page).first()).toHaveAttribute('aria-label', /Reply within|Overdue by/)
  const byDeadline = await firstIds()

  await sort.selectOption('lastActivity')
  await expect.poll(firstIds).not.toEqual(byDeadline)
  const byActivity = await firstIds()

  await sort.selectOption('arrival')
  await expect.poll(firstIds).not.toEqual(byActivity)
  // Next arrivals first: no stay that is over leads the list.
  await expect(rows(page).first()).toHaveAttribute(
    'aria-label',
    /Arriving today|Upcoming|Request to book/,
  )
})

test('searches guest names and words in other scripts, highlighting them', async ({
  page,
  webHost,
}) => {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await openSynced(page, webHost.url)
  const search = page.getByRole('searchbox', { name: 'Search messages' })

  const guest = (await rows(page).first().locator('.row__guest').innerText()).trim()
  const surname = guest.split(' ').at(-1)!
  await search.fill(surname.toLowerCase())
  // Guests sharing the surname match equally (the one active last comes first): the guest is
  // among the first rows, every one of which matched by the surname.
  const named = rows(page).filter({ has: page.locator('.row__guest', { hasText: guest }) })
  await expect(named.first()).toHaveAttribute('aria-label', new RegExp(`^${guest}`))
  await expect(named.first().locator('mark').first()).toHaveText(surname)
  await expect(rows(page).first().locator('mark').first()).toHaveText(surname)

  // Thai has no spaces between words; the index cuts them anyway.
  await search.fill('ห้อง')
  await expect(rows(page).first().locator('mark').first()).toHaveText('ห้อง')
  await expect(page.getByText('Best matches first')).toBeVisible()

  // Russian, typed in capitals.
  await search.fill('ПАРКОВКА')
  await expect(rows(page).first().locator('mark').first()).toHaveText(/^парковк/i)

  await search.fill('qqzzxx')
  await expect(page.getByText('Nothing found')).toBeVisible()
  await search.press('Escape')
  await expect(search).toHaveValue('')
  await expect(rows(page).first()).toBeVisible()
  expect(errors).toEqual([])
})

test('Sync now brings in a guest message sent on the platform', async ({
  page,
  request,
  webHost,
}) => {
  await openSynced(page, webHost.url)
  await property(page, new RegExp(`^${CASA.name}`)).click()
  // Read the first row only once the list has followed the property filter.
  await expect(rows(page).first()).toContainText(CASA.name)
  const conversationId = await list(page)
    .locator('button[data-conversation-id]')
    .first()
    .getAttribute('data-conversation-id')
  const sent = await request.post(`${webHost.sandboxUrl}/sandbox/guest-messages`, {
    data: {
      property_id: CASA.id,
      conversation_id: conversationId,
      content: 'Could we have a zebra-striped umbrella for the beach tomorrow?',
    },
  })
  expect(sent.ok()).toBe(true)

  await page.getByRole('button', { name: 'Sync now' }).click()
  const row = list(page).locator(`button[data-conversation-id="${conversationId}"]`)
  await expect(row).toContainText('zebra-striped umbrella', { timeout: 20_000 })
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('zebra umbrel')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first().locator('mark')).toHaveText(['zebra', 'umbrella'])
})

test('moves through the list with the keyboard and opens a conversation', async ({
  page,
  webHost,
}) => {
  await openSynced(page, webHost.url)
  const buttons = list(page).locator('button[data-conversation-id]')
  await buttons.first().focus()
  await expect(buttons.first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(buttons.nth(1)).toHaveAttribute('aria-current', 'true', { timeout: 10_000 })
  await expect(buttons.nth(1)).toBeFocused()
  await page.keyboard.press('j')
  await expect(buttons.nth(2)).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press('k')
  await expect(buttons.nth(1)).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Conversation', exact: true })).toBeFocused()
})

test('lays the list out right to left in Arabic', async ({ page, webHost }) => {
  await openSynced(page, webHost.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await page.getByRole('link', { name: 'صندوق الوارد' }).click()

  const sidebar = page.getByRole('navigation', { name: 'العقارات' })
  const conversations = page.getByRole('list', { name: 'المحادثات' })
  await expect(conversations.getByRole('listitem').first()).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'البحث في الرسائل' })).toBeVisible()
  await expect(page.getByRole('status', { name: 'حالة المزامنة' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'بحاجة إلى رد', exact: true })).toBeVisible()

  // The properties pane is on the right, the list to its left.
  const sideBox = (await sidebar.boundingBox())!
  const listBox = (await conversations.boundingBox())!
  expect(sideBox.x).toBeGreaterThan(listBox.x)
  // A row starts on the right: the guest's name hugs the row's right edge.
  const row = conversations.locator('button[data-conversation-id]').first()
  const rowBox = (await row.boundingBox())!
  const nameBox = (await row.locator('.row__guest').boundingBox())!
  expect(rowBox.x + rowBox.width - (nameBox.x + nameBox.width)).toBeLessThan(40)
})

test('resyncs a store written by a newer Innbox and keeps its unsent messages', async ({
  page,
  webHost,
}) => {
  test.setTimeout(240_000)
  // Before the app opens it, a "newer Innbox" leaves a store of a higher version with a
  // message still waiting in its outbox and a draft.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('newer-store')) return
    sessionStorage.setItem('newer-store', 'yes')
    const request = indexedDB.open('innbox', 990)
    request.onupgradeneeded = () => {
      const db = request.result
      const later = Date.now() + 365 * 86_400_000
      db.createObjectStore('outbox', { keyPath: 'id' }).put({
        id: 'kept-1',
        seq: 1,
        propertyId: '4012001',
        conversationId: 'not-yet-known',
        action: { kind: 'send', content: 'Kept through the resync', attachments: [] },
        state: 'queued',
        attempts: 0,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        nextAttemptAt: later,
        lastError: null,
        failure: null,
        messageId: null,
        sentAt: null,
      })
      db.createObjectStore('drafts', { keyPath: 'conversationId' }).put({
        conversationId: 'not-yet-known',
        text: 'Dear guest,',
        startedAt: 1,
        updatedAt: 1,
        basePropertyMessageAt: null,
      })
      db.createObjectStore('futureThings')
    }
    request.onsuccess = () => request.result.close()
  })
  await page.goto(webHost.url)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('This inbox was saved by a newer Innbox')
  await expect(alert).toContainText('Messages not sent yet, drafts and templates are kept')
  await alert.getByRole('button', { name: 'Resync' }).click()

  // The resync downloads the whole demo seed again: on a busy machine that takes a while.
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Up to date', {
    timeout: 120_000,
  })
  await expect(rows(page).first()).toBeVisible()
  const kept = await page.evaluate(
    () =>
      new Promise<{ outbox: unknown; draft: unknown }>((resolve, reject) => {
        const request = indexedDB.open('innbox')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const tx = request.result.transaction(['outbox', 'drafts'])
          const outbox = tx.objectStore('outbox').get('kept-1')
          const draft = tx.objectStore('drafts').get('not-yet-known')
          tx.oncomplete = () => {
            request.result.close()
            resolve({ outbox: outbox.result, draft: draft.result })
          }
        }
      }),
  )
  expect(kept.outbox).toMatchObject({
    id: 'kept-1',
    action: { content: 'Kept through the resync' },
  })
  expect(kept.draft).toMatchObject({ text: 'Dear guest,' })
})
