import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, startWebHost, stopWebHost, type WebHostProcess } from './fixtures'
import { conversation, CONTROL } from './platform-helpers'

// Shared steps of the reliability specs (issue 12): a web host that can be killed and started
// again on the same port and data folder (so the page keeps its IndexedDB), the outbox read
// straight from IndexedDB, and the sandbox's request log.

/** A port free right now on 127.0.0.1 (the host is started on it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** One desk: its data folder and port stay, the host process comes and goes. */
export class Desk {
  host!: WebHostProcess
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<Desk> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'innbox-reliability-'))
    const desk = new Desk(dataDir, await freePort())
    desk.host = await startWebHost(dataDir, {}, desk.port)
    return desk
  }

  get url(): string {
    return this.host.url
  }

  get sandboxUrl(): string {
    return this.host.sandboxUrl!
  }

  /** SIGKILL: no shutdown code runs, as in a power cut or a crash of the host process. */
  async kill(): Promise<void> {
    const child = this.host.process
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  /** The host again on the same port and data folder (a new launch token, so a new URL). */
  async restart(): Promise<void> {
    await this.kill()
    this.host = await startWebHost(this.dataDir, {}, this.port)
  }

  async close(): Promise<void> {
    await stopWebHost(this.host)
    await rm(this.dataDir, { recursive: true, force: true })
  }
}

export interface OutboxRow {
  id: string
  conversationId: string
  state: string
  content: string | null
  failureCode: string | null
}

/** The page's outbox as IndexedDB holds it (a second connection; no schema change). */
export async function outboxRows(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('innbox')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const all = db.transaction('outbox', 'readonly').objectStore('outbox').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () => {
            db.close()
            resolve(
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              (all.result as any[]).map((r) => ({
                id: r.id,
                conversationId: r.conversationId,
                state: r.state,
                content: r.action?.kind === 'send' ? r.action.content : null,
                failureCode: r.failure?.code ?? null,
              })),
            )
          }
        }
      }),
  )
}

/** The saved draft's text for a conversation, or null. */
export async function savedDraft(page: Page, conversationId: string): Promise<string | null> {
  return page.evaluate(
    (id) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('innbox')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const get = db.transaction('drafts', 'readonly').objectStore('drafts').get(id)
          get.onerror = () => reject(get.error)
          get.onsuccess = () => {
            db.close()
            resolve((get.result as { text?: string } | undefined)?.text ?? null)
          }
        }
      }),
    conversationId,
  )
}

export const setFaults = async (request: APIRequestContext, sandboxUrl: string, data: object) =>
  expect((await request.post(`${sandboxUrl}/sandbox/faults`, { ...CONTROL, data })).ok()).toBe(true)

export interface LoggedRequest {
  seq: number
  received_at: number
  method: string
  path: string
  outcome: 'answered' | 'fault_error' | 'cut' | 'cut_after_commit'
  status: number | null
  retry_after_s: number | null
}

export async function requestLog(
  request: APIRequestContext,
  sandboxUrl: string,
  after = 0,
): Promise<LoggedRequest[]> {
  const answer = await request.get(`${sandboxUrl}/sandbox/requests?after=${after}`, CONTROL)
  expect(answer.ok()).toBe(true)
  return (await answer.json()).requests
}

/** Writes a reply and presses Send; waits until the composer took it. */
export async function reply(page: Page, text: string): Promise<void> {
  const pane = conversation(page)
  await pane.getByRole('textbox', { name: 'Message' }).fill(text)
  await pane.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(pane.getByRole('textbox', { name: 'Message' })).toHaveValue('')
}

export const bubble = (page: Page, text: string) =>
  conversation(page).locator('.message', { hasText: text })
