import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startTranslationDouble } from '../support/translation-double'
import { expect, startWebHost, stopWebHost, test } from './fixtures'
import { book, conversation, guestWrites, LISBON, openConversation, sent } from './platform-helpers'

// After a scripted session (a platform account with its secret, a translation service with
// its key, a guest's message read and a reply sent), the data folder and the logs hold no
// secret in plain text outside the web host's own secret file, and no message text in a log.

test.describe.configure({ timeout: 180_000 })

/** Every file under a folder, with its bytes, except the subfolders given. */
async function filesUnder(dir: string, skip: string[]): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name)
    const relative = path.relative(dir, file)
    if (!entry.isFile() || skip.some((folder) => relative.startsWith(`${folder}${path.sep}`)))
      continue
    files.set(relative, await readFile(file))
  }
  return files
}

test('a session leaves no secret and no message text where it does not belong', async ({
  page,
  request,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'innbox-session-'))
  // Secrets that would be recognised anywhere: random, and never shown in the UI.
  const clientSecret = `client-secret-${randomBytes(12).toString('hex')}`
  const translationKey = `lt-key-${randomBytes(12).toString('hex')}`
  // Message text with a word found nowhere else, so even a fragment in a log would show.
  const questionWord = `portail${randomBytes(6).toString('hex')}`
  const replyWord = `code${randomBytes(6).toString('hex')}`
  const question = `Bonjour, le ${questionWord} est-il ouvert la nuit ?`
  const reply = `Oui, le ${replyWord} reste le même.`
  const double = await startTranslationDouble({ libreKey: translationKey })
  const host = await startWebHost(dataDir)
  let output = ''
  host.process.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  host.process.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    const sandboxUrl = host.sandboxUrl!
    const origin = new URL(host.url).origin
    const token = new URL(host.url).searchParams.get('token')!
    const invoke = async (channel: string, args: unknown[]) => {
      const answer = await request.post(`${origin}/api/invoke/${channel}`, {
        headers: { Authorization: `Bearer ${token}` },
        data: args,
      })
      const result = await answer.json()
      expect(result, `${channel}: ${JSON.stringify(result)}`).toMatchObject({ ok: true })
      return result.value
    }

    const account = { client_id: 'session-desk', client_secret: clientSecret }
    expect((await request.post(`${sandboxUrl}/sandbox/accounts`, { data: account })).ok()).toBe(
      true,
    )
    await invoke('accounts:add', [
      {
        label: 'Hotel Session',
        baseUrl: sandboxUrl,
        clientId: account.client_id,
        clientSecret,
      },
    ])
    await invoke('translation:configure', [
      { kind: 'libretranslate', baseUrl: double.libreUrl, apiKey: translationKey },
    ])

    const booking = await book(request, sandboxUrl, LISBON, 'Sabine Secret')
    await guestWrites(request, sandboxUrl, booking, question)
    await page.goto(host.url)
    await openConversation(page, booking.guestName)
    const pane = conversation(page)
    await expect(pane.getByText(question)).toBeVisible()
    await pane.getByRole('textbox', { name: 'Message' }).fill(reply)
    await pane.getByRole('button', { name: 'Send', exact: true }).click()
    await expect
      .poll(async () => (await sent(request, sandboxUrl)).map((message) => message.content), {
        timeout: 60_000,
      })
      .toContain(reply)
    await page.close()
  } finally {
    await stopWebHost(host)
    await double.close()
  }

  try {
    // The embedded platform's own storage stands in for the remote platform's servers: it
    // holds the conversation and its accounts by design, so it is not the desk's data.
    const files = await filesUnder(dataDir, ['sandbox'])
    expect([...files.keys()]).toEqual(expect.arrayContaining(['accounts.json', 'secrets.json']))
    const logs = [...files.keys()].filter((name) => name.startsWith(`logs${path.sep}`))
    expect(logs.length).toBeGreaterThan(0)
    const secrets = [clientSecret, translationKey]
    for (const [name, bytes] of files) {
      const text = bytes.toString('utf8')
      // Plain Node has no keychain: the web host keeps secrets in one file only the user can
      // read (file-secrets.ts); the Electron app encrypts them with safeStorage instead.
      if (name === 'secrets.json') continue
      for (const secret of secrets) expect(text, `${secret} in ${name}`).not.toContain(secret)
    }
    // Both secrets were really stored (so their absence elsewhere means something), there
    // and only there, readable by the user alone.
    const secretFile = files.get('secrets.json')!.toString('utf8')
    for (const secret of secrets) expect(secretFile).toContain(secret)
    expect((await stat(path.join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600)
    for (const name of logs) {
      const text = files.get(name)!.toString('utf8')
      expect(text, `guest text in ${name}`).not.toContain(questionWord)
      expect(text, `reply text in ${name}`).not.toContain(replyWord)
      expect(text).not.toMatch(/Bearer [A-Za-z0-9._-]{20,}/)
    }
    // The host's console output is a log too.
    for (const secret of secrets) expect(output).not.toContain(secret)
    expect(output).not.toContain(questionWord)
    expect(output).not.toContain(replyWord)
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
