import { describe, expect, it, vi } from 'vitest'
import { FakeIpcMain } from '../../../support/electron-double'
import { stubHandlers } from '../../../support/handler-stubs'

vi.mock('electron', () => ({}))
const { registerBridgeHandlers } = await import('../../../../electron/main/ipc')

const appUrl = 'app://innbox/index.html'
const frame = { url: appUrl, parent: null }
const upload = {
  propertyId: 'p1',
  conversationId: 'c1',
  fileName: 'map.png',
  fileType: 'image/png',
}

function setup() {
  const ipc = new FakeIpcMain()
  const received: unknown[] = []
  registerBridgeHandlers(
    ipc as never,
    stubHandlers({
      'attachments:upload': async (file) => {
        received.push(file.bytes)
        return { attachmentId: 'a1' }
      },
    }),
    (url) => url === appUrl,
  )
  const call = (...args: unknown[]) =>
    ipc.handlers.get('attachments:upload')!({ senderFrame: frame }, ...args)
  return { call, received }
}

describe('bytes over IPC', () => {
  it('reach the handler as the Uint8Array structured clone delivers', async () => {
    const { call, received } = setup()
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    expect(await call({ ...upload, bytes })).toEqual({ ok: true, value: { attachmentId: 'a1' } })
    expect(received[0]).toBe(bytes)
  })

  it.each([
    ['a plain array of numbers', [0x89, 0x50]],
    ['base64 text', 'iVBORw=='],
    ['an object pretending to be bytes', { 0: 137, length: 1 }],
  ])('are refused at the handler when they are %s', async (_name, bytes) => {
    const { call, received } = setup()
    expect(await call({ ...upload, bytes })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    expect(received).toEqual([])
  })
})
