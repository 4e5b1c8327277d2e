import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { call } from './harness'

// The CLI as a separate process: started, written to, SIGKILLed, restarted.

const children: ChildProcess[] = []
const folders: string[] = []
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function launch(
  dataDir: string,
  seed = 'empty',
): Promise<{ child: ChildProcess; url: string; secret: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'sandbox/cli.ts',
      '--port',
      '0',
      '--data',
      dataDir,
      '--seed',
      seed,
      '--control',
    ],
    {
      cwd: join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  children.push(child)
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const read = lines[Symbol.asyncIterator]()
  const first = (await read.next()).value as string
  const second = (await read.next()).value as string
  const url = /^Sandbox platform at (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1]
  const secret = /client_secret=(\S+)/.exec(second)?.[1]
  if (!url || !secret) throw new Error(`unexpected output: ${first} / ${second}`)
  return { child, url, secret }
}

async function tokenFor(url: string, secret: string): Promise<string> {
  const answer = await call(url, 'POST', '/token-based-authentication/exchange', {
    client_id: 'innbox-sandbox-desk',
    client_secret: secret,
  })
  return answer.body.jwt as string
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

describe('the sandbox CLI', () => {
  it('prints its URL and account, and after SIGKILL restarts with every acknowledged write', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'innbox-cli-'))
    folders.push(dataDir)
    const first = await launch(dataDir)
    const property = await call(first.url, 'POST', '/sandbox/properties', {
      name: 'Durable Inn',
      time_zone: 'Europe/Warsaw',
    })
    const reservation = await call(first.url, 'POST', '/sandbox/reservations', {
      property_id: property.body.property_id,
      guest_name: 'Piotr Nowak',
      guest_language: 'pl',
      booked_at: new Date(Date.now() - 86_400_000).toISOString(),
      checkin: new Date().toISOString().slice(0, 10),
      checkout: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
      status: 'confirmed',
    })
    const token = await tokenFor(first.url, first.secret)
    const path = `/messaging/properties/${property.body.property_id}/conversations/${reservation.body.conversation_id}`
    const sends = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        call(
          first.url,
          'POST',
          path,
          { message: { content: `Wiadomość ${index}` } },
          { Authorization: `Bearer ${token}` },
        ),
      ),
    )
    const acknowledged = sends.map((answer) => answer.body.data.message_id as string)
    await kill(first.child)

    const second = await launch(dataDir, 'demo')
    expect(second.secret).toBe(first.secret)
    const again = await call(second.url, 'GET', path, undefined, {
      Authorization: `Bearer ${await tokenFor(second.url, second.secret)}`,
    })
    const stored = (again.body.data.conversation.messages as { message_id: string }[]).map(
      (m) => m.message_id,
    )
    expect(stored).toEqual(acknowledged.filter((id) => stored.includes(id)))
    expect(new Set(stored)).toEqual(new Set(acknowledged))
    // A folder that holds data keeps it: the demo seed did not fill it.
    const properties = await call(second.url, 'GET', '/messaging/properties', undefined, {
      Authorization: `Bearer ${await tokenFor(second.url, second.secret)}`,
    })
    expect(properties.body.data.properties.map((p: { name: string }) => p.name)).toEqual([
      'Durable Inn',
    ])
  }, 30_000)
})
