import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { BenchApi } from './browser/entry'
import { buildBenchBundle } from './build'
import { COMMON_WORDS, RARE_WORDS, sampleGuestNames } from './dataset'
import {
  launchChromium,
  launchPersistentChromium,
  startWebHost,
  stopWebHost,
  type WebHost,
} from './host'
import { seedPlatformAccount, sandboxNow } from './platform'
import { waitForQuietMachine } from './quiet'
import {
  describeScreen,
  scrollWholeList,
  timeEnqueue,
  timeListChange,
  timeOpenConversation,
  waitListReady,
} from './probes'
import {
  describeMachine,
  figure,
  percentile,
  round,
  table,
  type Figure,
  type Machine,
} from './report'

// `npm run bench -- [--scale N] [--out FILE] [--quick]` (issue 11): the desk at hotel-group
// scale, measured in Chromium through the real web host. Prints a table and writes JSON with the
// machine's description. It never fails on a figure: a missed target is reported, not thrown.

const root = path.resolve(__dirname, '../..')
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    out: { type: 'string' },
    quick: { type: 'boolean', default: false },
    // The bare bulkPut is the ingest ratio's base, a target at base size only: at --scale 10 it
    // writes 2,000,000 messages a second time (a quarter of an hour on this machine).
    'skip-bare': { type: 'boolean', default: false },
    'use-seconds': { type: 'string' },
    // Keeps the stored dataset (Chromium profile, web host data, its port) in DIR and, when DIR
    // already holds one of this scale, starts on it instead of ingesting again: at --scale 10 the
    // ingest alone takes half an hour. Ingest figures are then not reported.
    keep: { type: 'string' },
    // Parts to leave out: engine, open, filter, search, scroll, arrival, outbox, use, platform.
    skip: { type: 'string', default: '' },
  },
})
const scale = Number(values.scale)
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not "${values.scale}"`)
const quick = values.quick ?? false
const skipBare = values['skip-bare'] ?? false
const outFile = path.resolve(root, values.out ?? `reports/bench-${scale}.json`)
const USE_MS = values['use-seconds']
  ? Number(values['use-seconds']) * 1000
  : quick
    ? 60_000
    : 600_000
const SEARCH_DEBOUNCE_MS = 120
const keepDir = values.keep ? path.resolve(values.keep) : null
const PARTS = [
  'engine',
  'open',
  'filter',
  'search',
  'scroll',
  'arrival',
  'outbox',
  'use',
  'platform',
]
const skipped = new Set((values.skip ?? '').split(',').filter((part) => part !== ''))
for (const part of skipped) {
  if (!PARTS.includes(part))
    throw new Error(`--skip: no part "${part}" (parts: ${PARTS.join(', ')})`)
}
const runs = (part: string) => !skipped.has(part)

type BenchWindow = typeof globalThis & { innboxBench: BenchApi }

/** A command-line tool: its output is the point (the app itself logs through pino). */
const print = (text: string) => process.stdout.write(`${text}\n`)
/** The database the app keeps its search index in between starts (the store's name + suffix). */
const SNAPSHOT_DB = 'innbox-snapshots'
const log = (line: string) => print(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)

function ensureBuilt(): void {
  const built =
    existsSync(path.join(root, 'out/main/web.js')) &&
    existsSync(path.join(root, 'out/renderer/index.html'))
  if (built) return
  log('building the app (electron-vite build)')
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(...)`; the
 * functions sent to `page.evaluate` carry those calls into the page, so the page gets the helper.
 */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript('globalThis.__name ??= (target) => target')
  return context
}

/** The context holding the stored dataset: a profile on disk, as the app's own store is. */
async function storedContext(profileDir: string): Promise<BrowserContext> {
  const context = await launchPersistentChromium(profileDir)
  await context.addInitScript('globalThis.__name ??= (target) => target')
  openContexts.add(context)
  context.on('close', () => openContexts.delete(context))
  return context
}

/** Contexts of their own browser process (persistent), for the failure screenshots. */
const openContexts = new Set<BrowserContext>()

async function benchPage(context: BrowserContext, host: WebHost, bundle: string): Promise<Page> {
  // A blank page of the app's own origin (so it shares the app's IndexedDB), served by the
  // bench itself: the web host and its CSP are not touched.
  await context.route(`${host.origin}/__bench`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Innbox bench</title>' }),
  )
  const page = await context.newPage()
  await page.goto(`${host.origin}/__bench`)
  await page.addScriptTag({ content: bundle })
  return page
}

async function heapMB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page)
  await session.send('HeapProfiler.collectGarbage')
  await session.send('Performance.enable')
  const { metrics } = await session.send('Performance.getMetrics')
  await session.detach()
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
  return round(used / 2 ** 20, 1)!
}

/** The search box says "Preparing search… n %" while a search runs on an unfinished index. */
/**
 * Until the search index and the reply-score model the app built are saved beside the store
 * (renderer/src/db/snapshots.ts): later starts restore them instead of reading every message.
 */
async function waitSnapshotSaved(page: Page, timeoutMs = 30 * 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const saved = await page.evaluate(async (name) => {
      const known = await indexedDB.databases()
      if (!known.some((db) => db.name === name)) return false
      return new Promise<boolean>((resolve) => {
        const request = indexedDB.open(name)
        request.onerror = () => resolve(false)
        request.onsuccess = () => {
          const db = request.result
          if (!db.objectStoreNames.contains('snapshots')) {
            db.close()
            resolve(false)
            return
          }
          const get = db.transaction('snapshots').objectStore('snapshots').getAllKeys()
          get.onsuccess = () => {
            db.close()
            resolve(['search', 'metrics'].every((key) => get.result.includes(key)))
          }
          get.onerror = () => {
            db.close()
            resolve(false)
          }
        }
      })
    }, SNAPSHOT_DB)
    if (saved) return
    if (Date.now() > until) throw new Error('the snapshots were not saved in time')
    await page.waitForTimeout(1_000)
  }
}

async function waitSearchReady(page: Page): Promise<void> {
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!
    input.value = 'hotel'
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
  await page.waitForFunction(
    () =>
      document.querySelector('.pane-header__count span')?.textContent?.includes('match') &&
      !document.querySelector('.search__indexing'),
    undefined,
    { polling: 250, timeout: 30 * 60_000 },
  )
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!
    input.value = ''
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
  await page.waitForFunction(
    () => document.querySelector('.pane-header__count span')?.textContent?.includes('conversation'),
    undefined,
    { polling: 100, timeout: 5 * 60_000 },
  )
}

async function waitFirstSync(page: Page): Promise<void> {
  // "Last sync" shows only once a sync has finished (tests/e2e/platform-helpers.ts).
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[role="status"][aria-label="Sync status"]')
      return /Up to date.*Last sync/s.test(status?.textContent ?? '')
    },
    undefined,
    { polling: 250, timeout: 30 * 60_000 },
  )
}

function stats(samples: (number | null)[]) {
  const ok = samples.filter((s): s is number => s !== null)
  return {
    n: ok.length,
    failed: samples.length - ok.length,
    p50: round(percentile(ok, 50)),
    p95: round(percentile(ok, 95)),
    max: round(ok.length > 0 ? Math.max(...ok) : null),
  }
}

/** A measure's p50 and p95 figures (in ms); the target, when there is one, is on the p95. */
function percentileFigures(
  id: string,
  label: (p: 'p50' | 'p95') => string,
  samples: { p50: number | null; p95: number | null },
  p95AtMost?: number,
  note?: string,
): Figure[] {
  return [
    figure(`${id}.p50`, label('p50'), samples.p50, 'ms', undefined, note),
    figure(
      `${id}.p95`,
      label('p95'),
      samples.p95,
      'ms',
      p95AtMost === undefined ? undefined : { op: '<=', value: p95AtMost },
      note,
    ),
  ]
}

async function setSort(page: Page, sort: string): Promise<void> {
  await page.locator('.sort select').selectOption(sort)
}

async function main(): Promise<void> {
  ensureBuilt()
  log(`scale ${scale}${quick ? ' (quick)' : ''}: building the bench bundle`)
  const bundle = await buildBenchBundle()
  const kept = keepDir ? await keptDataset(keepDir) : null
  const dataDir = kept?.hostDir ?? (await mkdtemp(path.join(os.tmpdir(), 'innbox-bench-')))
  const host = await startWebHost(dataDir, kept?.port)
  const browser = await launchChromium()
  const machine: Machine = describeMachine(browser.version())
  const figures: Figure[] = []
  const raw: Record<string, unknown> = {}
  const attempt = async (part: string, run: () => Promise<void>) => {
    try {
      await run()
    } catch (error) {
      // A step that gives up is reported with what the screen showed; the other parts still run.
      const shots: string[] = []
      const contexts = [...browser.contexts(), ...openContexts]
      const pages = contexts.flatMap((c) => c.pages())
      for (const [i, p] of pages.entries()) {
        const shot = path.join(os.tmpdir(), `innbox-bench-${part}-failure-${i}.png`)
        const taken = await p.screenshot({ path: shot }).then(
          () => true,
          () => false,
        )
        if (taken) shots.push(shot)
      }
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
      raw[`${part}Failure`] = { message, screenshots: shots }
      log(`${part}: gave up: ${message} (screenshots: ${shots.join(', ')})`)
      for (const context of contexts) await context.close()
    }
  }
  try {
    await attempt('desk', () => measureDesk(browser, host, bundle, figures, raw, kept))
    if (runs('platform'))
      await attempt('platform', () => measurePlatform(browser, bundle, figures, raw))
  } finally {
    await browser.close()
    await stopWebHost(host)
    if (!kept) await rm(dataDir, { recursive: true, force: true })
  }
  await compareWithBase(figures)
  machine.loadAverageAtEnd = os.loadavg().map((v) => round(v, 2)!)
  if (Math.max(...machine.loadAverageAtStart, ...machine.loadAverageAtEnd) > machine.cores * 0.5) {
    machine.noise = `load average up to ${Math.max(...machine.loadAverageAtStart, ...machine.loadAverageAtEnd)} on ${machine.cores} cores: other work shared the machine, figures are noisy`
  }
  const report = {
    command: `npm run bench -- --scale ${scale}${quick ? ' --quick' : ''}${skipBare ? ' --skip-bare' : ''}`,
    date: new Date().toISOString(),
    scale,
    quick,
    machine,
    figures,
    raw,
  }
  await mkdir(path.dirname(outFile), { recursive: true })
  await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`)
  print(`\n${table(figures)}\n`)
  if (machine.noise) print(`Note: ${machine.noise}`)
  if (quick)
    print(`Note: --quick: ${round(USE_MS / 60_000, 1)} minute(s) of scripted use, fewer samples`)
  log(`written ${path.relative(root, outFile)}`)
}

/** `--keep DIR`: where the dataset is kept, and what it is when one was stored before. */
interface KeptDataset {
  hostDir: string
  profileDir: string
  marker: string
  /** The web host's port: the origin, so the IndexedDB, must stay the same. */
  port: number
  stored: { scale: number; now: number } | null
}

async function keptDataset(dir: string): Promise<KeptDataset> {
  const marker = path.join(dir, 'dataset.json')
  const hostDir = path.join(dir, 'host')
  const profileDir = path.join(dir, 'profile')
  await mkdir(hostDir, { recursive: true })
  await mkdir(profileDir, { recursive: true })
  const stored = existsSync(marker)
    ? (JSON.parse(await readFile(marker, 'utf8')) as { scale: number; now: number; port: number })
    : null
  if (stored && stored.scale !== scale) {
    throw new Error(`--keep ${dir} holds a dataset of scale ${stored.scale}, not ${scale}`)
  }
  const port = stored?.port ?? 20_000 + Math.floor(Math.random() * 20_000)
  return { hostDir, profileDir, marker, port, stored }
}

async function measureIngest(
  bench: Page,
  dataset: { scale: number; now: number },
  figures: Figure[],
  raw: Record<string, unknown>,
): Promise<void> {
  // 1. Ingest: the same records, bare bulkPut first (its database is deleted after), then the
  // app's sync write path into the store the app starts on below.
  let bare: Awaited<ReturnType<BenchApi['ingestBare']>> | null = null
  if (!skipBare) {
    await settle('before the bare bulkPut')
    log('ingest: bare Dexie bulkPut')
    bare = await bench.evaluate(
      (o) => (globalThis as BenchWindow).innboxBench.ingestBare(o),
      dataset,
    )
    log(`ingest: bare ${bare.messages} messages in ${Math.round(bare.writeMs)} ms`)
  }
  // Each write path starts on a quiet machine: the bare run's deleted database is still being
  // cleaned up for seconds after the deletion has answered (tests/bench/quiet.ts).
  await settle("before the app's sync path")
  log("ingest: the app's sync path")
  const app = await bench.evaluate(
    (o) => (globalThis as BenchWindow).innboxBench.ingestApp(o),
    dataset,
  )
  const appRate = app.messages / (app.writeMs / 1000)
  log(`ingest: app ${app.messages} messages in ${Math.round(app.writeMs)} ms`)
  raw.ingest = { app, bare }
  figures.push(
    figure('ingest.app', 'Ingest, app sync write path', Math.round(appRate), 'msg/s', {
      op: '>=',
      value: 5000,
    }),
  )
  if (bare) {
    const bareRate = bare.messages / (bare.writeMs / 1000)
    figures.push(
      figure('ingest.bare', 'Ingest, bare bulkPut', Math.round(bareRate), 'msg/s'),
      figure('ingest.ratio', 'Ingest, app ÷ bare', round(appRate / bareRate, 2), '', {
        op: '>=',
        value: 0.7,
      }),
    )
  }
}

/** Waits (up to 30 s) until under a fifth of a core is busy over a second, and logs the wait. */
async function settle(what: string): Promise<void> {
  const { waitedMs, quiet } = await waitForQuietMachine({
    belowCores: 0.2,
    sampleMs: 1_000,
    maxWaitMs: 30_000,
    cores: os.cpus().length,
  })
  const seconds = round(waitedMs / 1000, 0)
  if (quiet === null) log(`ingest: ${seconds} s pause ${what} (no /proc/stat to watch)`)
  else if (quiet) log(`ingest: machine quiet after ${seconds} s, ${what}`)
  else log(`ingest: machine still busy after ${seconds} s, ${what}; measuring anyway`)
}

async function measureEngine(
  bench: Page,
  queries: { query: string; kind: string }[],
  now: number,
  figures: Figure[],
  raw: Record<string, unknown>,
): Promise<void> {
  log('search: building the index on the stored data')
  const search = await bench.evaluate(
    ({ queries, now }) =>
      (globalThis as BenchWindow).innboxBench.searchIndex([...queries, ...queries], now),
    { queries, now },
  )
  raw.searchIndex = search
  const engine = stats(search.timings.map((t) => t.ms))
  figures.push(
    ...percentileFigures(
      'search.engine',
      (p) => `Search ${p} (index, all messages)`,
      engine,
      scale >= 10 ? 300 : 100,
    ),
    figure('search.build', 'Search index build', round((search.buildMs ?? 0) / 1000, 1), 's'),
    figure(
      'search.memory',
      'Search index memory',
      round((search.heapBytes ?? search.approximateBytes) / 2 ** 20, 1),
      'MB',
      undefined,
      search.heapBytes === null ? 'estimate from the index structures' : 'heap growth after GC',
    ),
  )
}

async function measureDesk(
  browser: Browser,
  host: WebHost,
  bundle: string,
  figures: Figure[],
  raw: Record<string, unknown>,
  kept: KeptDataset | null,
): Promise<void> {
  const now = kept?.stored?.now ?? (await sandboxNow(host.sandboxUrl))
  const dataset = { scale, now }
  const profileDir =
    kept?.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'innbox-bench-profile-')))
  const context = await storedContext(profileDir)
  try {
    await measureStored(browser, context, host, bundle, dataset, figures, raw, kept)
  } finally {
    await context.close()
    if (!kept) await rm(profileDir, { recursive: true, force: true })
  }
}

async function measureStored(
  browser: Browser,
  context: BrowserContext,
  host: WebHost,
  bundle: string,
  dataset: { scale: number; now: number },
  figures: Figure[],
  raw: Record<string, unknown>,
  kept: KeptDataset | null,
): Promise<void> {
  const { now } = dataset
  const bench = await benchPage(context, host, bundle)
  if (kept?.stored) log(`ingest: left out, the dataset kept in ${keepDir} is used`)
  else await measureIngest(bench, dataset, figures, raw)
  if (kept && !kept.stored) {
    const marker = { scale, now, port: kept.port }
    await writeFile(kept.marker, `${JSON.stringify(marker)}\n`)
  }

  // 5. Search, engine side: the app's read model and index built on the stored data.
  const names = sampleGuestNames(dataset, 10)
  const queries = [
    ...COMMON_WORDS.map((query) => ({ query, kind: 'common' })),
    ...RARE_WORDS.map((query) => ({ query, kind: 'rare' })),
    ...names.map((query) => ({ query, kind: 'name' })),
  ]
  if (runs('engine')) await measureEngine(bench, queries, now, figures, raw)
  // The first start builds the search index and the reply score's input and saves them: a kept
  // dataset's earlier runs saved them already, and the build is what the first start measures.
  await bench.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name)
        request.onsuccess = () => resolve()
        request.onerror = () => reject(new Error(`could not delete ${name}`))
      }),
    SNAPSHOT_DB,
  )
  await bench.close()

  // 2. Cold start with the dataset stored. The first start also runs the first sync against the
  // demo platform (the embedded sandbox); the measured starts come after it.
  const page = await context.newPage()
  log('cold start: first start (first sync against the embedded platform)')
  await page.goto(host.url)
  // Minutes at 10×: what the screen shows is logged every 30 s, so a stall can be told apart.
  const progress = setInterval(() => {
    describeScreen(page).then(
      (line) => log(`cold start: first start: ${line}`),
      () => {},
    )
  }, 30_000)
  try {
    await waitListReady(page, true, 15 * 60_000)
    await waitFirstSync(page)
    // The app's first start builds the search index and saves it; every later start restores it.
    const building = Date.now()
    await waitSearchReady(page)
    await waitSnapshotSaved(page)
    const seconds = round((Date.now() - building) / 1000, 1)
    log(`cold start: search index built and saved in ${seconds} s`)
    figures.push(
      figure(
        'search.firstStart',
        'Search index and reply score built and saved, first start',
        seconds,
        's',
      ),
    )
  } finally {
    clearInterval(progress)
  }
  const starts = quick ? 3 : 5
  log(`cold start: ${starts} starts with the dataset stored, ${starts} with an empty store`)
  const seeded: number[] = []
  for (let i = 0; i < starts; i += 1) {
    await page.goto(host.url, { waitUntil: 'commit' })
    // The next navigation ends this page's workers: each start begins on an idle page.
    seeded.push(await waitListReady(page, true))
  }
  const emptyStarts: number[] = []
  for (let i = 0; i < starts; i += 1) {
    const fresh = await newContext(browser)
    const p = await fresh.newPage()
    await p.goto(host.url, { waitUntil: 'commit' })
    emptyStarts.push(await waitListReady(p, false))
    await fresh.close()
  }
  raw.coldStart = { seeded, empty: emptyStarts }
  const seededP50 = percentile(seeded, 50)!
  const emptyP50 = percentile(emptyStarts, 50)!
  figures.push(
    figure('start.seeded', 'Cold start p50, dataset stored', round(seededP50, 0), 'ms', {
      op: '<=',
      value: 1200,
    }),
    figure('start.empty', 'Cold start p50, empty store', round(emptyP50, 0), 'ms'),
    figure('start.ratio', 'Cold start, stored ÷ empty', round(seededP50 / emptyP50, 2), '', {
      op: '<=',
      value: 1.5,
    }),
  )
  // The search box says "Preparing search…" until the worker's index is built.
  log('search ready: a start until the search box no longer says "Preparing search"')
  const indexStarted = Date.now()
  await page.goto(host.url, { waitUntil: 'commit' })
  await waitListReady(page, true)
  await waitSearchReady(page)
  figures.push(
    figure(
      'search.ready',
      'Search ready after start (index restored)',
      round((Date.now() - indexStarted) / 1000, 1),
      's',
    ),
  )
  figures.push(
    figure('heap.load', 'JS heap after load (page)', await heapMB(page), 'MB', {
      op: '<=',
      value: 300,
    }),
  )

  if (runs('open')) {
    // 3. Open a conversation.
    log('open: conversations opened one after the other')
    const opens: (number | null)[] = []
    for (let i = 0; i < (quick ? 15 : 40); i += 1)
      opens.push(await timeOpenConversation(page, i % 8))
    const open = stats(opens)
    raw.open = opens
    figures.push(...percentileFigures('open', (p) => `Open conversation ${p}`, open, 50))
  }

  if (runs('filter')) {
    // 4. Switch filter or property.
    log('filter: filters and properties switched')
    const properties = await page.locator('nav[aria-label="Properties"] button').count()
    const switches: (number | null)[] = []
    const rounds = quick ? 2 : 4
    for (let r = 0; r < rounds; r += 1) {
      for (const index of [0, 0, 1, 1])
        switches.push(await timeListChange(page, { kind: 'filter', index }))
      for (let p = 1; p < Math.min(properties, 6); p += 1) {
        switches.push(await timeListChange(page, { kind: 'property', index: p }))
      }
      switches.push(await timeListChange(page, { kind: 'property', index: 0 }))
    }
    const filter = stats(switches)
    raw.filter = switches
    figures.push(
      ...percentileFigures('filter', (p) => `Filter / property switch ${p}`, filter, 100),
    )
  }

  if (runs('search')) {
    // 5. Search through the search box: includes the box's 120 ms typing pause.
    log('search: queries typed into the search box')
    const typed: (number | null)[] = []
    for (const { query } of queries) {
      typed.push(await timeListChange(page, { kind: 'search', text: query }))
      await timeListChange(page, { kind: 'search', text: '' })
    }
    const ui = stats(typed)
    raw.searchUi = typed
    figures.push(
      ...percentileFigures(
        'search.ui',
        (p) => `Search ${p} in the search box`,
        ui,
        undefined,
        `includes the ${SEARCH_DEBOUNCE_MS} ms typing pause`,
      ),
    )
  }

  if (runs('scroll')) {
    // 6. Scroll the whole list.
    log('scroll: the whole list')
    await setSort(page, 'lastActivity')
    const scroll = await scrollWholeList(page, 1)
    raw.scroll = scroll
    figures.push(
      figure('scroll.over50', 'Scroll whole list: long tasks > 50 ms', scroll.over50, ''),
      figure('scroll.over100', 'Scroll whole list: long tasks > 100 ms', scroll.over100, '', {
        op: '<=',
        value: 0,
      }),
    )
  }

  let lastBooking: { guestName: string } | null = null
  if (runs('arrival')) {
    // 9b. A guest writes; "Sync now"; the row appears (the list sorted by last activity).
    log('arrival: a guest message injected in the platform, then Sync now')
    const arrivals: (number | null)[] = []
    // The booking's property, newest first, from the top (the list keeps an open conversation of
    // another property in view, and the scroll above left it at the bottom). By last activity:
    // by reply deadline a new guest's row comes after every older unanswered one, off screen
    // once a kept dataset has gathered the arrivals of earlier runs (the 120 s "gave up" at 10×).
    await page
      .locator('nav[aria-label="Properties"] button', { hasText: 'Casa do Limoeiro' })
      .click()
    await page.locator('.sort select').selectOption('lastActivity')
    await page.evaluate(() => {
      document.querySelector('ul[role="list"]')!.parentElement!.scrollTop = 0
    })
    // Names of this run only: a kept dataset holds earlier runs' "Bench Arrival 1".
    const run = new Date().toISOString().slice(11, 19)
    for (let i = 0; i < (quick ? 3 : 5); i += 1) {
      lastBooking = await bookAndWrite(host.sandboxUrl, `Bench Arrival ${run} ${i + 1}`)
      const started = Date.now()
      await page.getByRole('button', { name: 'Sync now' }).click()
      await page.waitForFunction(
        (name) =>
          [...document.querySelectorAll('.row__guest')].some((g) => g.textContent?.includes(name)),
        lastBooking.guestName,
        { polling: 'raf', timeout: 120_000 },
      )
      arrivals.push(Date.now() - started)
    }
    raw.arrival = arrivals
    figures.push(
      figure(
        'platform.arrival',
        'Guest message → row after Sync now, p50',
        stats(arrivals).p50,
        'ms',
      ),
    )
  }

  if (runs('outbox')) {
    // 8. Outbox: the platform is unreachable, so each reply stays queued.
    log('outbox: replies queued with the platform cut off')
    const guestRow = lastBooking
      ? page.locator('.row__guest', { hasText: lastBooking.guestName })
      : page.locator('.row__guest').first()
    await guestRow.click()
    // The enqueue is timed from Send: the conversation must be open with its composer first.
    await page.locator('#composer-text').waitFor({ timeout: 60_000 })
    await faults(host.sandboxUrl, { outage: true })
    const enqueues: (number | null)[] = []
    for (let i = 0; i < (quick ? 5 : 20); i += 1)
      enqueues.push(await timeEnqueue(page, `Bench reply ${i + 1}`))
    await faults(host.sandboxUrl, {})
    const outbox = stats(enqueues)
    raw.outbox = enqueues
    figures.push(figure('outbox.p95', 'Outbox enqueue → "Queued" p95', outbox.p95, 'ms'))
  }

  if (runs('use')) {
    // 7. Memory after scripted use.
    await scriptedUse(
      page,
      USE_MS,
      queries.map((q) => q.query),
    )
    figures.push(
      figure(
        'heap.use',
        `JS heap after ${round(USE_MS / 60_000, 1)} min of use (page)`,
        await heapMB(page),
        'MB',
        { op: '<=', value: 300 },
      ),
    )
  }
}

async function scriptedUse(page: Page, durationMs: number, queries: string[]): Promise<void> {
  log(`scripted use for ${durationMs / 60_000} minute(s)`)
  const until = Date.now() + durationMs
  const properties = await page.locator('nav[aria-label="Properties"] button').count()
  for (let step = 0; Date.now() < until; step += 1) {
    await timeOpenConversation(page, step % 8)
    await timeListChange(page, { kind: 'filter', index: step % 2 })
    await timeListChange(page, { kind: 'property', index: step % Math.min(properties, 6) })
    await timeListChange(page, { kind: 'search', text: queries[step % queries.length]! })
    await timeOpenConversation(page, 0)
    await timeListChange(page, { kind: 'search', text: '' })
    await page.evaluate(() => {
      const scroller = document.querySelector('ul[role="list"]')?.parentElement
      if (scroller) scroller.scrollTop = Math.random() * scroller.scrollHeight
    })
  }
}

async function faults(sandboxUrl: string, settings: object): Promise<void> {
  const answer = await fetch(`${sandboxUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  })
  if (!answer.ok) throw new Error(`faults: ${answer.status} ${await answer.text()}`)
}

async function bookAndWrite(sandboxUrl: string, guestName: string) {
  const now = await sandboxNow(sandboxUrl)
  const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10)
  const post = async (route: string, data: object) => {
    const answer = await fetch(`${sandboxUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    })
    if (!answer.ok) throw new Error(`${route}: ${answer.status} ${await answer.text()}`)
    return answer.json() as Promise<{ conversation_id: string }>
  }
  const propertyId = '4012001'
  const { conversation_id } = await post('/sandbox/reservations', {
    property_id: propertyId,
    guest_name: guestName,
    guest_language: 'en',
    booked_at: new Date(now - 2 * 86_400_000).toISOString(),
    checkin: day(3),
    checkout: day(5),
    status: 'confirmed',
  })
  await post('/sandbox/guest-messages', {
    property_id: propertyId,
    conversation_id,
    content: 'Hello, could we get a room on a quiet floor?',
  })
  return { guestName }
}

/** 9a. A first sync of an account of 20,000 messages, from an empty store. */
async function measurePlatform(
  browser: Browser,
  bundle: string,
  figures: Figure[],
  raw: Record<string, unknown>,
): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'innbox-bench-platform-'))
  const host = await startWebHost(dataDir)
  try {
    log('platform: loading 20,000 messages into the sandbox')
    await seedPlatformAccount(host.sandboxUrl, 20_000)
    const context = await newContext(browser)
    const page = await context.newPage()
    const started = Date.now()
    await page.goto(host.url)
    await waitFirstSync(page)
    const ms = Date.now() - started
    const counter = await benchPage(context, host, bundle)
    const messages = await counter.evaluate(() =>
      (globalThis as BenchWindow).innboxBench.countMessages(),
    )
    raw.bootstrap = { messages, ms }
    log(`platform: ${messages} messages in ${ms} ms`)
    figures.push(
      figure(
        'platform.bootstrap',
        'Bootstrap from the platform',
        Math.round(messages / (ms / 1000)),
        'msg/s',
        undefined,
        `${messages} messages (20,000 loaded + the demo account's)`,
      ),
    )
    await context.close()
  } finally {
    await stopWebHost(host)
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** At 10×, open and filter p95 must stay within 2× of the base run's (reports/bench-1.json). */
async function compareWithBase(figures: Figure[]): Promise<void> {
  if (scale <= 1) return
  const baseFile = path.join(root, 'reports/bench-1.json')
  if (!existsSync(baseFile)) return
  const base = JSON.parse(await readFile(baseFile, 'utf8')) as { figures: Figure[] }
  for (const id of ['open.p95', 'filter.p95']) {
    const ours = figures.find((f) => f.id === id)
    const theirs = base.figures.find((f) => f.id === id)
    if (!ours?.value || !theirs?.value) continue
    figures.push(
      figure(`${id}.vsBase`, `${ours.label} ÷ base`, round(ours.value / theirs.value, 2), '×', {
        op: '<=',
        value: 2,
      }),
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
