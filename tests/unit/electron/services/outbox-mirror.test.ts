import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../electron/services/bridge-dispatch'
import {
  createOutboxMirrorHandlers,
  OutboxMirrorStore,
} from '../../../../electron/services/outbox-mirror'
import { stubHandlers } from '../../../support/handler-stubs'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-mirror-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const mirror = {
  storeId: 'store-1',
  replies: [
    { id: 'r-1', propertyId: 'p1', conversationId: 'c1', content: 'See you soon', createdAt: 1 },
  ],
}

function setup() {
  const file = path.join(dir, 'outbox-mirror.json')
  const handlers = stubHandlers(createOutboxMirrorHandlers(new OutboxMirrorStore(file)))
  return {
    file,
    read: () => dispatch(handlers, 'outbox:readMirror', []),
    save: (args: unknown) => dispatch(handlers, 'outbox:saveMirror', args),
  }
}

describe('the outbox mirror in the desk folder', () => {
  it('is null before the first save, then answers what was saved last', async () => {
    const desk = setup()
    expect(await desk.read()).toEqual({ ok: true, value: null })
    expect(await desk.save([mirror])).toEqual({ ok: true, value: null })
    const emptied = { storeId: 'store-1', replies: [] }
    await Promise.all([desk.save([mirror]), desk.save([emptied])])
    expect(await desk.read()).toEqual({ ok: true, value: emptied })
    expect(JSON.parse(await readFile(desk.file, 'utf8'))).toEqual(emptied)
  })

  it('refuses a malformed mirror and reads a damaged file as none', async () => {
    const desk = setup()
    const bad = await desk.save([{ ...mirror, replies: [{ id: 'r-1', content: 'no target' }] }])
    expect(bad.ok).toBe(false)
    expect(await desk.save([{ ...mirror, extra: true }])).toMatchObject({ ok: false })
    await writeFile(desk.file, '{"storeId": "s", "replies": [tor')
    expect(await desk.read()).toEqual({ ok: true, value: null })
  })
})
