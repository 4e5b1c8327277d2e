import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { book, conversation, LISBON, openConversation } from './platform-helpers'

// Hostile guest content end to end: payloads go in through the sandbox platform as a guest's
// messages, guest name and photo names, the desk syncs them, the real UI shows them. A canary
// proves nothing ran: a `window.__pwned` trap, `alert`, a local server that counts requests,
// an observer that records any element the payloads could have created, and the page's CSP
// violation reports (the policy should never even be tested: text is never parsed as HTML).

test.describe.configure({ timeout: 180_000 })

interface Canary {
  calls: string[]
  violations: string[]
  elements: string[]
}

/** Installed before any app script runs, in every document of the page. */
function installCanary(): void {
  const canary: Canary = { calls: [], violations: [], elements: [] }
  Object.defineProperty(window, '__canary', { value: canary })
  Object.defineProperty(window, '__pwned', {
    get: () => () => canary.calls.push('__pwned()'),
    set: () => canary.calls.push('__pwned ='),
  })
  window.alert = () => canary.calls.push('alert')
  document.addEventListener('securitypolicyviolation', (event) =>
    canary.violations.push(
      `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    ),
  )
  // What only a payload could add: anything inside a message body, the payloads' markers,
  // event-handler attributes, and tags the app itself never uses.
  const suspicious = (element: Element): boolean =>
    (element.parentElement?.closest('.guest-text__body') ?? null) !== null ||
    element.id.startsWith('pwned') ||
    element.hasAttribute('data-pwned') ||
    ['IFRAME', 'OBJECT', 'EMBED', 'MATH', 'BASE', 'META'].includes(element.tagName) ||
    (element.tagName === 'SCRIPT' && !element.getAttribute('src')?.startsWith('./assets/')) ||
    element.getAttributeNames().some((name) => name.startsWith('on'))
  new MutationObserver((records) => {
    // The parser building index.html itself is not a payload.
    if (document.readyState === 'loading') return
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue
        for (const element of [node, ...node.querySelectorAll('*')])
          if (suspicious(element)) canary.elements.push(element.outerHTML.slice(0, 200))
      }
  }).observe(document, { childList: true, subtree: true })
}

async function canaryOf(page: Page): Promise<Canary> {
  return page.evaluate(() => (window as unknown as { __canary: Canary }).__canary)
}

/** A local server that only counts: any request to it means a payload reached the network. */
let canaryServer: Server
let canaryHits: string[] = []
let canaryOrigin = ''

test.beforeAll(async () => {
  canaryServer = createServer((request, response) => {
    canaryHits.push(request.url ?? '')
    response.end('pwned')
  })
  await new Promise<void>((resolve) => canaryServer.listen(0, '127.0.0.1', resolve))
  canaryOrigin = `http://127.0.0.1:${(canaryServer.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => canaryServer.close(() => resolve())))
test.beforeEach(() => {
  canaryHits = []
})

/** Payloads that would reach the canary (call, global, element or request) if they ran. */
function corpus(): { name: string; text: string }[] {
  const url = (n: string) => `${canaryOrigin}/canary/${n}`
  return [
    // The unit tests' corpus (tests/unit/renderer/features/conversation/hostile-texts.ts),
    // here end to end and aimed at the canary.
    { name: 'script tag', text: '<script>window.__pwned = 1</script>Hello' },
    { name: 'img onerror', text: '<img src=x onerror="window.__pwned=1">' },
    { name: 'javascript link', text: '<a href="javascript:window.__pwned=1">click me</a>' },
    {
      name: 'markdown link',
      text: '[Pay here](javascript:__pwned()) or [there](https://evil.example)',
    },
    {
      name: 'data url',
      text: '<iframe src="data:text/html,<script>parent.__pwned()</script>"></iframe>',
    },
    { name: 'svg onload', text: '<svg onload="window.__pwned=1"><circle r="10"/></svg>' },
    { name: 'mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=__pwned()>' },
    {
      name: 'quoted reply html',
      text: '<div class="gmail_quote"><blockquote>On Mon <b>you</b> wrote:</blockquote></div>',
    },
    { name: 'template injection', text: '{{ constructor.constructor("window.__pwned=1")() }}' },
    { name: 'style tag', text: '<style>body{display:none}</style>Still visible' },
    { name: 'rtl override', text: 'Invoice for room 12\u202Efdp.exe' },
    { name: 'img to canary', text: `<img id="pwned-img" src="${url('img')}" onerror="__pwned()">` },
    { name: 'script src', text: `<script src="${url('script')}"></script>` },
    { name: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.__pwned()</script>"></iframe>` },
    {
      name: 'data url link',
      text: `<a id="pwned-a" href="data:text/html,<script>alert(1)</script>">x</a>`,
    },
    { name: 'javascript url', text: 'javascript:__pwned()' },
    { name: 'markdown image', text: `![x](${url('markdown')}) [a](javascript:__pwned())` },
    {
      name: 'svg script',
      text: `<svg data-pwned="1"><script>__pwned()</script><image href="${url('svg')}"/></svg>`,
    },
    {
      name: 'mathml href',
      text: '<math><maction actiontype="statusline" xlink:href="javascript:__pwned()">x</maction></math>',
    },
    {
      name: 'quoted reply html',
      text: `On Mon you wrote:<br><blockquote style="background:url(${url('css')})"><p onclick="__pwned()">Quoted</p></blockquote>`,
    },
    {
      name: 'base tag',
      text: `<base href="${url('base')}/"><form action="${url('form')}"><button>Go</button></form>`,
    },
    { name: 'meta refresh', text: `<meta http-equiv="refresh" content="0;url=${url('meta')}">` },
    { name: 'rtl override around markup', text: '\u202E<b id="pwned-rtl">gnp.exe</b>\u202C' },
    { name: 'vue template', text: '{{ $el.ownerDocument.defaultView.__pwned() }}' },
  ]
}

/** What GuestText shows (displayText.ts): bidi embeddings and overrides are dropped. */
const shownAs = (text: string) => text.replace(/[\u202A-\u202E]/g, '')

async function guestWrites(
  request: APIRequestContext,
  sandboxUrl: string,
  booking: { propertyId: string; conversationId: string },
  content: string,
  attachments?: { file_name: string; file_content: string }[],
): Promise<void> {
  const response = await request.post(`${sandboxUrl}/sandbox/guest-messages`, {
    data: {
      property_id: booking.propertyId,
      conversation_id: booking.conversationId,
      content,
      ...(attachments ? { attachments } : {}),
    },
  })
  expect(response.ok(), await response.text()).toBe(true)
}

/** A 1×1 PNG: the sandbox accepts guest photos only as real JPEG or PNG. */
const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

test('hostile guest messages are shown verbatim as text and nothing in them runs', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Mallory Canary')
  const payloads = corpus()
  for (const payload of payloads) await guestWrites(request, sandboxUrl, booking, payload.text)
  await guestWrites(request, sandboxUrl, booking, 'Photo attached', [
    { file_name: `"><img id="pwned-file" src=x onerror="__pwned()">.png`, file_content: tinyPng },
  ])
  await page.addInitScript(installCanary)
  await page.goto(webHost.url)
  await openConversation(page, booking.guestName)
  const bodies = conversation(page).locator('.message--guest .guest-text__body')
  await expect(bodies).toHaveCount(payloads.length + 1, { timeout: 30_000 })
  const shown = await bodies.evaluateAll((elements) => elements.map((e) => e.textContent))
  for (const payload of payloads) expect(shown, payload.name).toContain(shownAs(payload.text))
  // Nothing inside any message body is an element: the text was never parsed as HTML.
  await expect(bodies.locator('*')).toHaveCount(0)
  await bodies.last().click()
  const canary = await canaryOf(page)
  expect(canary.calls).toEqual([])
  expect(canary.elements).toEqual([])
  expect(canary.violations).toEqual([])
  expect(await page.locator('[id^="pwned"], [data-pwned]').count()).toBe(0)
  expect(canaryHits).toEqual([])
})

test('a hostile guest name stays text in the list and the conversation', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const name = 'Eve <img id="pwned-name" src=x onerror="__pwned()"> <b data-pwned>Bold</b>'
  const booking = await book(request, sandboxUrl, LISBON, name)
  await guestWrites(request, sandboxUrl, booking, 'Bonjour, une question sur le parking.')
  await page.addInitScript(installCanary)
  await page.goto(webHost.url)
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('parking')
  const row = page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem')
    .filter({ hasText: name })
  await expect(row).toHaveCount(1, { timeout: 30_000 })
  await row.getByRole('button').click()
  await expect(conversation(page).getByRole('heading', { name })).toBeVisible()
  const canary = await canaryOf(page)
  expect(canary.calls).toEqual([])
  expect(canary.elements).toEqual([])
  expect(canary.violations).toEqual([])
  expect(await page.locator('[id^="pwned"], [data-pwned]').count()).toBe(0)
})

test('huge guest messages render, expand and leave the page responsive', async ({
  page,
  request,
  webHost,
}) => {
  const sandboxUrl = webHost.sandboxUrl!
  const booking = await book(request, sandboxUrl, LISBON, 'Hugo Longtext')
  // The platform's largest message, several times over, one of them a single unbroken word.
  const huge = 'Bonjour, '.repeat(2_222)
  const unbroken = 'A'.repeat(20_000)
  for (const text of [huge, unbroken, huge, huge, huge])
    await guestWrites(request, sandboxUrl, booking, text)
  await page.addInitScript(installCanary)
  await page.goto(webHost.url)
  await openConversation(page, booking.guestName)
  const pane = conversation(page)
  const bodies = pane.locator('.message--guest .guest-text__body')
  await expect(bodies).toHaveCount(5, { timeout: 30_000 })
  await pane.getByRole('button', { name: 'Show the whole message' }).first().click()
  await expect
    .poll(() => bodies.evaluateAll((elements) => elements.map((e) => e.textContent)))
    .toContain(huge)
  // Still responsive: the composer takes typing after the huge messages are on screen.
  const box = pane.getByRole('textbox', { name: 'Message' })
  await box.fill('Merci, bien reçu.')
  await expect(box).toHaveValue('Merci, bien reçu.')
  // The unbroken word wraps inside its bubble instead of widening the page.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  expect((await canaryOf(page)).violations).toEqual([])
})
