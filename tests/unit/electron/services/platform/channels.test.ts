import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MemorySecrets } from '../../../../../electron/services/accounts/secret-store'
import { dispatch } from '../../../../../electron/services/bridge-dispatch'
import { createDesk } from '../../../../../electron/services/desk'
import type { Desk } from '../../../../../electron/services/desk'
import { EmbeddedPlatform } from '../../../../../electron/services/embedded-sandbox'
import type { EventChannel } from '../../../../../shared/bridge/channels'
import { mapPng } from '../../../../../sandbox/seed/png'
import { createStay, guestWrites, startTestSandbox } from '../../../sandbox/harness'
import type { TestSandbox } from '../../../sandbox/harness'
import { ManualClock, recordingFetch, sentMessages, setFaults } from './harness'
import type { RecordedCall } from './harness'

// Every platform channel through the same dispatch both hosts use, against a real sandbox
// as the desk's built-in platform.

let box: TestSandbox
let dir: string
let desk: Desk
let calls: RecordedCall[]
let events: [EventChannel, unknown][]
let stay: { propertyId: string; reservationId: string; conversationId: string }
/** When set, the next POST to the Messaging API is cut after the platform commits it. */
let cutNextPost = false

beforeAll(async () => {
  box = await startTestSandbox({ searchReadyMs: 0 })
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-desk-'))
  const recorder = recordingFetch()
  calls = recorder.calls
  const fetchWithFaults: typeof fetch = async (input, init) => {
    if (cutNextPost && init?.method === 'POST' && String(input).includes('/messaging/')) {
      cutNextPost = false
      await setFaults(box, { drop_rate: 1, drop_after_commit: true })
    }
    return recorder.fetch(input, init)
  }
  desk = await createDesk({
    userDataDir: dir,
    host: 'web',
    version: '0.0.0',
    osLocale: 'en',
    secrets: new MemorySecrets(),
    embedded: new EmbeddedPlatform(async () => box.sandbox),
    tuning: { clock: new ManualClock(), sleep: async () => {}, fetch: fetchWithFaults },
  })
  desk.events.subscribe((event, payload) => events.push([event, payload]))
  stay = await createStay(box)
  await guestWrites(box, stay, 'Is breakfast included?')
})
afterAll(async () => {
  await box.close()
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  events = []
  calls.length = 0
})

const ref = (ids: { propertyId: string; conversationId: string }) => ({
  propertyId: ids.propertyId,
  conversationId: ids.conversationId,
})

// Answers are read loosely here: each test checks the shape it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(channel: string, ...args: unknown[]): Promise<any> {
  const result = await dispatch(desk.handlers, channel, args)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value
}
const refusal = async (channel: string, ...args: unknown[]) => {
  const result = await dispatch(desk.handlers, channel, args)
  if (result.ok) throw new Error(`${channel} should have failed`)
  return result.error
}

describe('platform channels', () => {
  it('platform:status starts with the built-in platform and turns online', async () => {
    expect(await call('platform:status')).toMatchObject({
      state: 'connecting',
      account: { accountId: 'sandbox', kind: 'sandbox', active: true },
      lastError: null,
    })
    await call('properties:list')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await call('platform:status')).toMatchObject({ state: 'online' })
    expect(events).toContainEqual([
      'platform:statusChanged',
      expect.objectContaining({ state: 'online' }),
    ])
  })

  it('read properties, reservations and conversations', async () => {
    const properties = await call('properties:list')
    expect(properties.map((p: { property_id: string }) => p.property_id)).toContain(stay.propertyId)
    expect(await call('reservations:list', { propertyId: stay.propertyId })).toEqual([
      expect.objectContaining({ reservation_id: stay.reservationId }),
    ])
    const page = await call('conversations:list', { propertyId: stay.propertyId })
    expect(page.conversations).toHaveLength(1)
    const conversation = await call('conversations:get', ref(stay))
    expect(conversation.messages[0].content).toBe('Is breakfast included?')
    expect(
      (
        await call('conversations:byReservation', {
          propertyId: stay.propertyId,
          reservationId: stay.reservationId,
        })
      ).conversation_id,
    ).toBe(stay.conversationId)
  })

  it('pull and confirm the queue', async () => {
    const page = await call('sync:pullLatest')
    expect(page.messages.length).toBeGreaterThan(0)
    expect(await call('sync:confirm', { count: page.messages.length })).toBeNull()
  })

  it('upload, send, and read an attachment back as bytes', async () => {
    const png = new Uint8Array(mapPng())
    const { attachmentId } = await call('attachments:upload', {
      ...ref(stay),
      fileName: 'map.png',
      fileType: 'image/png',
      bytes: png,
    })
    const sent = await call('messages:send', {
      ...ref(stay),
      content: 'The map',
      attachmentIds: [attachmentId],
    })
    expect(sent).toEqual({ messageId: expect.any(String), warnings: [] })
    const full = await call('attachments:get', { ...ref(stay), attachmentId })
    expect(full.metadata).toMatchObject({ file_name: 'map.png', file_type: 'image/png' })
    expect(full.bytes).toEqual(png)
    expect(
      (await call('attachments:get', { ...ref(stay), attachmentId, withContent: false })).bytes,
    ).toBeNull()
  })

  it('set and clear tags', async () => {
    expect(await call('tags:set', { ...ref(stay), tag: 'no_reply_needed' })).toBeNull()
    expect(await call('tags:clear', { ...ref(stay), tag: 'no_reply_needed' })).toBeNull()
    const conversation = await call('conversations:get', ref(stay))
    const guest = conversation.participants.find(
      (p: { metadata: { participant_type: string } }) => p.metadata.participant_type === 'guest',
    )
    const read = {
      ...ref(stay),
      tag: 'message_read',
      messageIds: [conversation.messages[0].message_id],
      participantId: guest.participant_id,
    }
    expect(await call('tags:set', read)).toBeNull()
    expect(await call('tags:clear', read)).toBeNull()
  })

  it('run a search', async () => {
    const { jobId } = await call('search:start', {
      after: '2025-06-01T00:00:00.000Z',
      before: '2025-07-01T00:00:00.000Z',
    })
    expect((await call('search:result', { jobId })).status).toBe('ready')
  })

  it('refuse a send the policy blocks, with its reasons, before any POST', async () => {
    const closed = await createStay(box, {
      booked_at: '2025-01-01T00:00:00.000Z',
      checkin: '2025-02-01',
      checkout: '2025-02-03',
    })
    const before = (await sentMessages(box)).length
    const error = await refusal('messages:send', { ...ref(closed), content: 'Hello again' })
    expect(error).toMatchObject({
      code: 'policy_refused',
      details: { reasons: [expect.objectContaining({ code: 'sendWindowClosed' })] },
    })
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    expect(await sentMessages(box)).toHaveLength(before)
  })

  it('report a send whose answer was cut as unknown_outcome', async () => {
    // The preflight's reads go through; the send itself is cut after the commit.
    cutNextPost = true
    try {
      const error = await refusal('messages:send', { ...ref(stay), content: 'Cut after commit' })
      expect(error.code).toBe('unknown_outcome')
    } finally {
      await setFaults(box, {})
    }
    expect((await sentMessages(box)).filter((m) => m.content === 'Cut after commit')).toHaveLength(
      1,
    )
  })

  it('answer expired for a conversation past its read window', async () => {
    const old = await createStay(box, {
      booked_at: '2023-01-01T00:00:00.000Z',
      checkin: '2023-02-01',
      checkout: '2023-02-03',
    })
    expect(await refusal('conversations:get', ref(old))).toMatchObject({
      code: 'expired',
      details: { status: 410 },
    })
  })
})

describe('arguments that fail validation', () => {
  it.each([
    ['a send without content', 'messages:send', { ...{ propertyId: 'p', conversationId: 'c' } }],
    [
      'bytes as text',
      'attachments:upload',
      {
        propertyId: 'p',
        conversationId: 'c',
        fileName: 'a.png',
        fileType: 'image/png',
        bytes: 'iVBORw==',
      },
    ],
    ['a confirmation of 0 messages', 'sync:confirm', { count: 0 }],
    [
      'an unknown field',
      'conversations:get',
      { propertyId: 'p', conversationId: 'c', admin: true },
    ],
    [
      'a search over 91 days',
      'search:start',
      { after: '2025-01-01T00:00:00.000Z', before: '2025-04-02T00:00:00.000Z' },
    ],
    [
      'an account on plain http',
      'accounts:add',
      { label: 'X', baseUrl: 'http://platform.example', clientId: 'x', clientSecret: 'y' },
    ],
    ['an unknown tag', 'tags:set', { propertyId: 'p', conversationId: 'c', tag: 'vip' }],
  ])('refuse %s at the handler, with no request', async (_name, channel, args) => {
    expect(await refusal(channel, args)).toMatchObject({ code: 'invalid_argument' })
    expect(calls).toEqual([])
  })
})

describe('account channels', () => {
  const other = { client_id: 'second-desk', client_secret: 'second-secret-123' }
  beforeAll(async () => {
    await box.control('POST', '/accounts', { ...other, property_ids: [stay.propertyId] })
  })

  it('test typed credentials: property count, or the translated failure', async () => {
    const good = { baseUrl: box.url, clientId: other.client_id, clientSecret: other.client_secret }
    expect(await call('accounts:test', good)).toEqual({ propertyCount: 1 })
    expect(await refusal('accounts:test', { ...good, clientSecret: 'wrong-secret' })).toMatchObject(
      {
        code: 'auth_failed',
      },
    )
  })

  it('add an account, make it active, then remove it and fall back', async () => {
    const added = await call('accounts:add', {
      label: 'Second desk',
      baseUrl: box.url,
      clientId: other.client_id,
      clientSecret: other.client_secret,
      syncMode: 'listDiff',
    })
    expect(added).toMatchObject({ kind: 'platform', active: true, syncMode: 'listDiff' })
    expect(JSON.stringify(added)).not.toContain(other.client_secret)
    expect(events.map(([event]) => event)).toEqual(['accounts:changed', 'platform:statusChanged'])
    expect(await call('platform:status')).toMatchObject({
      state: 'connecting',
      account: { accountId: added.accountId },
    })
    expect(
      (await call('properties:list')).map((p: { property_id: string }) => p.property_id),
    ).toEqual([stay.propertyId])
    expect(await call('accounts:test', { accountId: added.accountId })).toEqual({
      propertyCount: 1,
    })

    expect(await call('accounts:activate', { accountId: 'sandbox' })).toMatchObject({
      active: true,
    })
    expect(await call('accounts:activate', { accountId: added.accountId })).toMatchObject({
      active: true,
    })
    expect(await call('accounts:remove', { accountId: added.accountId })).toBeNull()
    expect((await call('platform:status')).account.accountId).toBe('sandbox')
    expect(await call('accounts:list')).toEqual([
      expect.objectContaining({ accountId: 'sandbox', active: true }),
    ])
  })

  it('refuse to remove the built-in platform', async () => {
    expect(await refusal('accounts:remove', { accountId: 'sandbox' })).toMatchObject({
      code: 'invalid_argument',
    })
  })
})
