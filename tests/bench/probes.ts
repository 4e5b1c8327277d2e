import type { Page } from '@playwright/test'

// Measurements taken inside the app's page, timed with the page's own clock from the moment the
// action is dispatched to the first animation frame at which the screen shows its result. Each
// function passed to `page.evaluate` is self-contained: Playwright sends its source to the page.

export type ListAction =
  | { kind: 'filter'; index: number }
  | { kind: 'property'; index: number }
  | { kind: 'search'; text: string }

/** What the list and the sync status show, in a line (for the log of a long wait). */
export function describeScreen(page: Page): Promise<string> {
  return page.evaluate(() => {
    const text = (selector: string) =>
      document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '—'
    const items = [...document.querySelectorAll('ul[role="list"] li.item')]
    const busy = items.filter((item) => item.getAttribute('aria-busy') === 'true').length
    return [
      `sync: ${text('[role="status"][aria-label="Sync status"]')}`,
      `count: ${text('.pane-header__count')}`,
      `rows: ${items.length} (${busy} busy)`,
    ].join('; ')
  })
}

/** Page load (navigation start) until the conversation list shows rows, or the empty list. */
export async function waitListReady(
  page: Page,
  expectRows: boolean,
  timeout = 5 * 60_000,
): Promise<number> {
  const handle = await page.waitForFunction(
    (rows) => {
      const count = document.querySelector('.pane-header__count')
      if (!count) return false
      const items = document.querySelectorAll('ul[role="list"] li.item')
      if (rows && items.length === 0) return false
      if ([...items].some((item) => item.getAttribute('aria-busy') === 'true')) return false
      return performance.now()
    },
    expectRows,
    { polling: 'raf', timeout },
  )
  return (await handle.jsonValue()) as number
}

/** Changes the list (a filter, a property, a search) and times it until the new list is drawn. */
export function timeListChange(page: Page, action: ListAction): Promise<number | null> {
  return page.evaluate(async (action) => {
    // The list is answered when the pane has taken an answer since the click (its
    // `data-answers` counts them; answers to older queries are dropped, so the next one answers
    // this change) and drawn it. Before, the probe waited for the list's count or first row to
    // change, and could take another change of the screen for the answer: at 10× a "Needs reply"
    // toggle answered in 61 ms (the worker alone takes longer) and the toggle off after it never
    // answered within 15 s, twice a run. Earlier still it waited for the number of rows drawn,
    // which "Clear filters" appearing in the header changed at once.
    const snapshot = () => {
      const answers = document.querySelector('.list-pane')?.getAttribute('data-answers') ?? ''
      const items = [...document.querySelectorAll('ul[role="list"] li.item')]
      // Skeleton rows while the read model has not read the store yet are not an answer.
      const busy =
        items.some((item) => item.getAttribute('aria-busy') === 'true') ||
        document.querySelector('.list-pane__loading') !== null
      return { key: answers, busy }
    }
    const before = snapshot().key
    const started = performance.now()
    if (action.kind === 'filter') {
      const chips = document.querySelectorAll<HTMLButtonElement>('.filters button[aria-pressed]')
      chips[action.index]!.click()
    } else if (action.kind === 'property') {
      const items = document.querySelectorAll<HTMLButtonElement>(
        'nav[aria-label="Properties"] button',
      )
      items[action.index]!.click()
    } else {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!
      input.value = action.text
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const now = snapshot()
      if (now.key !== before && !now.busy) return performance.now() - started
      if (performance.now() - started > 15_000) return null
    }
  }, action)
}

/**
 * Opens the list's row at `index` and times it until the conversation's messages are drawn: to
 * the end of the frame that shows them, its style, layout and paint included (a task posted from
 * the frame's animation callbacks runs after them). A long thread's cost is mostly there.
 */
export function timeOpenConversation(page: Page, index: number): Promise<number | null> {
  return page.evaluate(async (index) => {
    // The open conversation's row is not a sample: "opening" it again shows at once.
    const rows = [
      ...document.querySelectorAll<HTMLButtonElement>('ul[role="list"] li.item button.row'),
    ].filter((candidate) => candidate.getAttribute('aria-current') !== 'true')
    const row = rows[index]
    if (!row) return null
    const guest = row.querySelector('.row__guest')?.textContent?.trim() ?? ''
    const started = performance.now()
    row.click()
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const heading = document.querySelector('.conversation-header__guest')?.textContent ?? ''
      const items = document.querySelectorAll('.timeline__item').length
      if (heading.includes(guest) && items > 0) {
        await new Promise((resolve) => {
          const channel = new MessageChannel()
          channel.port1.onmessage = resolve
          channel.port2.postMessage(null)
        })
        return performance.now() - started
      }
      if (performance.now() - started > 15_000) return null
    }
  }, index)
}

/** Scrolls the conversation list from top to bottom, a screen per frame; counts long tasks. */
export function scrollWholeList(page: Page, stepScreens: number) {
  return page.evaluate(async (stepScreens) => {
    const durations: number[] = []
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration)
    })
    observer.observe({ type: 'longtask' })
    const scroller = document.querySelector<HTMLElement>('ul[role="list"]')!.parentElement!
    scroller.scrollTop = 0
    const started = performance.now()
    let frames = 0
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2) {
      scroller.scrollTop += scroller.clientHeight * stepScreens
      frames += 1
      await new Promise((resolve) => requestAnimationFrame(resolve))
    }
    // Let the last rows' reads land before counting.
    await new Promise((resolve) => setTimeout(resolve, 500))
    observer.disconnect()
    return {
      frames,
      scrolledPx: scroller.scrollHeight,
      ms: performance.now() - started,
      over50: durations.length,
      over100: durations.filter((d) => d > 100).length,
      longest: durations.length > 0 ? Math.max(...durations) : 0,
    }
  }, stepScreens)
}

/** Writes a reply in the open conversation and times it until it shows "Queued". */
export function timeEnqueue(page: Page, text: string): Promise<number | null> {
  return page.evaluate(async (text) => {
    const box = document.querySelector<HTMLTextAreaElement>('#composer-text')!
    box.value = text
    box.dispatchEvent(new Event('input', { bubbles: true }))
    const findSend = () =>
      [...document.querySelectorAll<HTMLButtonElement>('.conversation-pane button')].find(
        (button) => button.textContent?.trim() === 'Send' && !button.disabled,
      )
    const waitFrom = performance.now()
    let send = findSend()
    while (!send && performance.now() - waitFrom < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      send = findSend()
    }
    if (!send) return null
    const started = performance.now()
    send.click()
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const ours = [...document.querySelectorAll('.message')].find((m) =>
        m.textContent?.includes(text),
      )
      const state = ours?.querySelector('.delivery')?.textContent?.trim()
      if (state === 'Queued') return performance.now() - started
      if (performance.now() - started > 15_000) return null
    }
  }, text)
}
