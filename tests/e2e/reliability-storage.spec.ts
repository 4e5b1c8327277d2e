import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
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
import { bubble, Desk, outboxRows, reply, setFaults } from './reliability-helpers'

// Issue 12, storage faults: a store left by an older Innbox (schema version 2) holds a queued
// reply; the first start's migration to the current schema is interrupted (its versionchange
// transaction never commits, as when the app is closed or crashes mid-upgrade). The app must say
// it cannot open its store, and Try again migrates and sends the reply, once.

test.describe.configure({ timeout: 150_000 })

/** The version 1 + 2 stores, as Dexie declared them (migrations/0001 and 0002), IDB version 20. */
const LEGACY_STORES: Record<string, string> = {
  properties: 'propertyId',
  reservations:
    'reservationId, propertyId, conversationId, [propertyId+checkin], [propertyId+checkout]',
  conversations:
    'conversationId, propertyId, reservationId, hydrated, readClosesAt, [propertyId+lastActivityAt], [needsReply+replyDeadline], [propertyId+needsReply+replyDeadline], [propertyId+checkin]',
  messages: 'messageId, [conversationId+timestamp]',
  attachments: 'attachmentId, conversationId, [bytesUsedAt+byteSize]',
  outbox: 'id, &seq, state, [conversationId+seq]',
  drafts: 'conversationId',
  templates: 'templateId, propertyId',
  translations: '[messageId+language], conversationId',
  settings: 'key',
  syncState: 'key',
  counters: 'propertyId',
}

/** Writes the legacy store with one queued reply, from a blank page of the app's origin. */
async function writeLegacyStore(page: Page, origin: string, record: object): Promise<void> {
  const blank = `${origin}/reliability-blank.html`
  await page.route(blank, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>blank</title>',
    }),
  )
  await page.goto(blank)
  await page.evaluate(
    ({ stores, record }) =>
      new Promise<void>((resolve, reject) => {
        const keyPath = (spec: string) => {
          const name = spec.replace(/^[&*]|^\+\+/, '')
          return name.startsWith('[') ? name.slice(1, -1).split('+') : name
        }
        const open = indexedDB.open('innbox', 20)
        open.onupgradeneeded = () => {
          for (const [store, schema] of Object.entries(stores)) {
            const [primary, ...indexes] = schema.split(',').map((part) => part.trim())
            const objectStore = open.result.createObjectStore(store, { keyPath: keyPath(primary!) })
            for (const index of indexes) {
              const path = keyPath(index)
              objectStore.createIndex(index.replace(/^&/, ''), path, {
                unique: index.startsWith('&'),
              })
            }
          }
          open.transaction!.objectStore('outbox').put(record)
        }
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          open.result.close()
          resolve()
        }
      }),
    { stores: LEGACY_STORES, record },
  )
  await page.unroute(blank)
}

/**
 * On the first start of the page only, the schema upgrade is cut off midway: once it has created
 * its first new store, its versionchange transaction is aborted, so nothing of it commits.
 */
function interruptFirstMigration(): void {
  if (sessionStorage.getItem('migration-interrupted')) return
  const original = indexedDB.open.bind(indexedDB)
  let upgrade: IDBTransaction | null = null
  indexedDB.open = (name: string, version?: number) => {
    const request = original(name, version)
    request.addEventListener('upgradeneeded', () => (upgrade = request.transaction))
    return request
  }
  const createObjectStore = IDBDatabase.prototype.createObjectStore
  IDBDatabase.prototype.createObjectStore = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['createObjectStore']>
  ) {
    const store = createObjectStore.apply(this, args)
    if (upgrade && !sessionStorage.getItem('migration-interrupted')) {
      sessionStorage.setItem('migration-interrupted', 'yes')
      upgrade.abort()
    }
    return store
  }
}

test('a migration interrupted mid-upgrade: the app says so, and Try again migrates and sends the queued reply once', async ({
  page,
  request,
}) => {
  const desk = await Desk.start()
  try {
    const booking = await book(request, desk.sandboxUrl, LISBON, 'Rosa Lindqvist')
    await guestWrites(request, desk.sandboxUrl, booking, 'Do you have a cot for a baby?')
    const text = 'Yes, a cot is ready in your room at no charge.'
    const now = Date.now()
    await writeLegacyStore(page, new URL(desk.url).origin, {
      id: 'legacy-reply-1',
      seq: 1,
      propertyId: booking.propertyId,
      conversationId: booking.conversationId,
      action: { kind: 'send', content: text, attachments: [] },
      state: 'queued',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: 0,
      lastError: null,
      failure: null,
      messageId: null,
      sentAt: null,
    })

    await page.addInitScript(interruptFirstMigration)
    await page.goto(desk.url)
    // The inbox says it cannot open its store and offers to try again (no conversations shown).
    const problem = page.getByRole('alert').filter({
      has: page.getByRole('button', { name: 'Try again' }),
    })
    await expect(problem).toBeVisible({ timeout: 30_000 })
    // It says what happened (an update cut off, nothing lost), not that storage is switched off.
    await expect(problem).toContainText('Innbox could not finish updating its storage')
    await expect(problem).toContainText('Nothing was lost')
    await expect(problem).not.toContainText('switched off')
    expect(await page.evaluate(() => sessionStorage.getItem('migration-interrupted'))).toBe('yes')
    expect((await sent(request, desk.sandboxUrl)).some((m) => m.content === text)).toBe(false)

    // Try again: the upgrade runs to the end, the reply is still queued and goes out once.
    await problem.getByRole('button', { name: 'Try again' }).click()
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)
    await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
      timeout: 60_000,
    })
    expect((await sent(request, desk.sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
    expect((await outboxRows(page)).find((r) => r.id === 'legacy-reply-1')?.state).toBe('sent')
  } finally {
    await desk.close()
  }
})

/**
 * From the moment the test says the disk is full, every IndexedDB write of the page is refused
 * as the browser refuses a write over quota: with a `QuotaExceededError`. Reads go on. (Chromium
 * 156 ignores `Storage.overrideQuotaForOrigin`: its quota stays 10 GiB and a 5 MB write commits,
 * so the refusal is injected at the IndexedDB boundary.)
 */
function refuseWritesWhenDiskFull(): void {
  const full = () => sessionStorage.getItem('disk-full') === 'yes'
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method]
    IDBObjectStore.prototype[method] = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (full()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return original.apply(this, args)
    }
  }
}

test('a disk too full to queue a reply: the composer says so and keeps the reply; once there is room it goes out once', async ({
  page,
  request,
}) => {
  const desk = await Desk.start()
  try {
    const booking = await book(request, desk.sandboxUrl, LISBON, 'Tomas Berglund')
    const question = 'Can we check in late, around midnight?'
    await guestWrites(request, desk.sandboxUrl, booking, question)
    await page.addInitScript(refuseWritesWhenDiskFull)
    await page.goto(desk.url)
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)

    await page.evaluate(() => sessionStorage.setItem('disk-full', 'yes'))
    const text = 'Of course: the night porter will have your keys ready.'
    const pane = conversation(page)
    const box = pane.getByRole('textbox', { name: 'Message' })
    await box.fill(text)
    await pane.getByRole('button', { name: 'Send', exact: true }).click()

    // The refusal is told as a full disk, the reply stays in the box, nothing was queued or sent.
    await expect(pane.getByRole('alert')).toContainText(
      'The disk is full, so this reply was not saved or sent. It is still here',
      { timeout: 20_000 },
    )
    await expect(box).toHaveValue(text)
    expect((await outboxRows(page)).some((r) => r.content === text)).toBe(false)
    expect((await sent(request, desk.sandboxUrl)).some((m) => m.content === text)).toBe(false)
    // The app keeps working on what it has: the conversation still reads.
    await expect(pane.locator('.message', { hasText: question })).toBeVisible()

    // Space freed: Send again queues it and it goes out, once.
    await page.evaluate(() => sessionStorage.removeItem('disk-full'))
    await pane.getByRole('button', { name: 'Send', exact: true }).click()
    await expect(box).toHaveValue('')
    await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
      timeout: 60_000,
    })
    await expect(pane.getByRole('alert')).toHaveCount(0)
    expect((await sent(request, desk.sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
  } finally {
    await desk.close()
  }
})

/** The unsent replies the desk's folder keeps beside the page's store (empty when none). */
async function mirroredTexts(desk: Desk): Promise<string[]> {
  try {
    const text = await readFile(path.join(desk.dataDir, 'outbox-mirror.json'), 'utf8')
    return (JSON.parse(text) as { replies: { content: string }[] }).replies.map((r) => r.content)
  } catch {
    return []
  }
}

/** Deletes the page's IndexedDB store from a blank page of the app's origin (the app closed). */
async function deleteStore(page: Page, origin: string): Promise<void> {
  const blank = `${origin}/reliability-blank.html`
  await page.route(blank, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>x</title>',
    }),
  )
  await page.goto(blank)
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('innbox')
        request.onsuccess = () => resolve()
        request.onerror = () => reject(request.error)
        request.onblocked = () => reject(new Error('blocked'))
      }),
  )
  // What the workers derived from it (db/snapshots.ts) stays; the store made anew ignores it.
  const left = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))
  expect(left).not.toContain('innbox')
  await page.unroute(blank)
}

test('the store deleted while the app was closed: the app says so, puts the unsent reply back, and it goes out once', async ({
  page,
  request,
}) => {
  const desk = await Desk.start()
  try {
    const booking = await book(request, desk.sandboxUrl, LISBON, 'Ines Carvalho')
    await guestWrites(request, desk.sandboxUrl, booking, 'Is there parking at the hotel?')
    await page.goto(desk.url)
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)

    // The platform is down: the reply waits in the outbox, and the desk's folder keeps a copy.
    await setFaults(request, desk.sandboxUrl, { outage: true })
    const text = 'Yes, our garage has free spaces; the entrance is on Rua Augusta.'
    await reply(page, text)
    await expect.poll(() => mirroredTexts(desk), { timeout: 30_000 }).toEqual([text])

    // The app is closed, the store deleted (browser data cleared), the host started again.
    await deleteStore(page, new URL(desk.url).origin)
    await setFaults(request, desk.sandboxUrl, { outage: false })
    await desk.restart()
    expect((await sent(request, desk.sandboxUrl)).some((m) => m.content === text)).toBe(false)

    await page.goto(desk.url)
    const notice = page.getByRole('status').filter({
      hasText: 'The conversations stored on this computer had been deleted',
    })
    await expect(notice).toBeVisible({ timeout: 30_000 })
    await expect(notice).toContainText('put back 1 reply that was not sent yet')
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)
    await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
      timeout: 60_000,
    })
    expect((await sent(request, desk.sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
    await expect.poll(() => mirroredTexts(desk), { timeout: 30_000 }).toEqual([])
    await notice.getByRole('button', { name: 'OK' }).click()
    await expect(notice).toHaveCount(0)

    // Another start with the same (rebuilt) store: nothing is put back, nothing sent again.
    await page.reload()
    await waitForFirstSync(page)
    await expect(
      page.getByText('The conversations stored on this computer had been deleted'),
    ).toHaveCount(0)
    expect((await sent(request, desk.sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
  } finally {
    await desk.close()
  }
})

test('a deleted store whose copied reply had in fact gone out: it is put back, found on the platform, and not sent again', async ({
  page,
  request,
}) => {
  const desk = await Desk.start()
  try {
    const booking = await book(request, desk.sandboxUrl, LISBON, 'Jonas Weber')
    await guestWrites(request, desk.sandboxUrl, booking, 'Can I leave my bags after check-out?')
    const queuedAt = Date.now()
    await page.goto(desk.url)
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)
    const text = 'Of course, the luggage room is next to the reception.'
    await reply(page, text)
    await expect(bubble(page, text).getByText('Sent', { exact: true })).toBeVisible({
      timeout: 60_000,
    })
    const id = (await outboxRows(page)).find((r) => r.content === text)!.id
    await expect.poll(() => mirroredTexts(desk), { timeout: 30_000 }).toEqual([])

    // The copy is stale, as when the desk stopped before saving it again after the send.
    await deleteStore(page, new URL(desk.url).origin)
    const file = path.join(desk.dataDir, 'outbox-mirror.json')
    const { storeId } = JSON.parse(await readFile(file, 'utf8')) as { storeId: string }
    const copied = {
      id,
      propertyId: booking.propertyId,
      conversationId: booking.conversationId,
      content: text,
      createdAt: queuedAt,
    }
    await writeFile(file, JSON.stringify({ storeId, replies: [copied] }))
    await desk.restart()

    await page.goto(desk.url)
    await expect(
      page.getByRole('status').filter({ hasText: 'put back 1 reply that was not sent yet' }),
    ).toBeVisible({ timeout: 30_000 })
    await waitForFirstSync(page)
    await openConversation(page, booking.guestName)
    await expect
      .poll(async () => (await outboxRows(page)).find((r) => r.id === id)?.state, {
        timeout: 60_000,
      })
      .toBe('sent')
    await expect(bubble(page, text)).toHaveCount(1)
    expect((await sent(request, desk.sandboxUrl)).filter((m) => m.content === text)).toHaveLength(1)
  } finally {
    await desk.close()
  }
})
