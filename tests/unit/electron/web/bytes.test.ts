import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../../../electron/services/event-hub'
import { startWebHost } from '../../../../electron/web/server'
import type { WebHost } from '../../../../electron/web/server'
import { encodeBase64 } from '../../../../shared/bridge/wire'
import { stubHandlers } from '../../../support/handler-stubs'

// Bytes cross the web host's JSON as { "$bytes": "<base64>" } both ways, and a 1 MB photo fits.

let dir: string
let host: WebHost
const token = 'bytes-test-token-0123456789'
const received: Uint8Array[] = []
const photo = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) & 0xff)

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-bytes-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>')
  host = await startWebHost({
    rendererDir: dir,
    events: new EventHub(),
    token,
    port: 0,
    handlers: stubHandlers({
      'attachments:upload': async (file) => {
        received.push(file.bytes)
        return { attachmentId: 'a1' }
      },
      'attachments:get': async ({ attachmentId }) => ({
        metadata: {
          attachment_id: attachmentId,
          file_name: 'p.png',
          file_type: 'image/png',
          file_size: 3,
        },
        bytes: new Uint8Array([1, 2, 3]),
      }),
    }),
  })
})
afterAll(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

const invoke = (channel: string, args: unknown) =>
  fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  }).then((response) => response.json())

const upload = { propertyId: 'p', conversationId: 'c', fileName: 'p.png', fileType: 'image/png' }

describe('bytes over the web host', () => {
  it('carry a 1 MB photo to the handler as a Uint8Array', async () => {
    const answer = await invoke('attachments:upload', [
      { ...upload, bytes: { $bytes: encodeBase64(photo) } },
    ])
    expect(answer).toEqual({ ok: true, value: { attachmentId: 'a1' } })
    expect(received.at(-1)).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(received.at(-1)!).equals(Buffer.from(photo))).toBe(true)
  })

  it('come back as { $bytes }', async () => {
    const answer = await invoke('attachments:get', [
      { propertyId: 'p', conversationId: 'c', attachmentId: 'a9' },
    ])
    expect(answer).toMatchObject({ ok: true, value: { bytes: { $bytes: 'AQID' } } })
  })

  it.each([
    ['base64 that is not', { $bytes: '@@@' }],
    ['bare base64 text', 'AQID'],
    ['a list of numbers', [1, 2, 3]],
  ])('are refused when they are %s', async (_name, bytes) => {
    const answer = await invoke('attachments:upload', [{ ...upload, bytes }])
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
  })
})
