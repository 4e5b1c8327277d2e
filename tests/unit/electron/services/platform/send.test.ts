import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { preflightSend, preflightUpload } from '../../../../../electron/services/platform/preflight'
import { mapPng } from '../../../../../sandbox/seed/png'
import { createStay, guestWrites } from '../../../sandbox/harness'
import { platformHarness, sentMessages, setFaults } from './harness'
import type { Harness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await platformHarness()
})
afterAll(() => h.close())
beforeEach(() => {
  h.calls.length = 0
})
afterEach(() => setFaults(h.box, {}))

const posts = (): number =>
  h.calls.filter((call) => call.method === 'POST' && call.path.startsWith('/messaging')).length

async function send(ids: { propertyId: string; conversationId: string }, content: string) {
  const check = await preflightSend(h.client, h.facts, h.clock, {
    ...ids,
    content,
    attachmentIds: [],
  })
  if (!check.ok) return check
  return h.client.sendMessage(ids.propertyId, ids.conversationId, { content, attachmentIds: [] })
}

describe('a send whose answer is lost', () => {
  it('is reported as unknown_outcome after the platform committed it, and not sent again', async () => {
    const stay = await createStay(h.box)
    await h.client.properties()
    await setFaults(h.box, { drop_rate: 1, drop_after_commit: true })
    const result = await h.client.sendMessage(stay.propertyId, stay.conversationId, {
      content: 'Your room is ready.',
      attachmentIds: [],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_outcome' } })
    expect(posts()).toBe(1)
    expect(h.sleeps).toEqual([])
    await setFaults(h.box, {})
    const sent = await sentMessages(h.box)
    expect(sent.filter((m) => m.content === 'Your room is ready.')).toHaveLength(1)
  })

  it('is reported as unknown_outcome when the platform is too slow to answer', async () => {
    const stay = await createStay(h.box)
    await h.client.properties()
    await setFaults(h.box, { latency_ms: 400 })
    const result = await h
      .newClient({ timeoutMs: 100 })
      .sendMessage(stay.propertyId, stay.conversationId, { content: 'Slow', attachmentIds: [] })
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_outcome' } })
    expect(posts()).toBe(1)
  })

  it('is a plain offline error (surely not sent) when the connection is refused', async () => {
    const client = h.newClient({
      account: { id: 'down', baseUrl: 'http://127.0.0.1:9', clientId: 'x' },
    })
    const result = await client.sendMessage('1', '2', { content: 'Hi', attachmentIds: [] })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { cause: 'connection_refused' } },
    })
  })
})

describe('the policy preflight', () => {
  it('lets an allowed message through and passes on the platform warnings', async () => {
    const stay = await createStay(h.box, { approved_links: ['https://hotel.example/'] })
    const result = await send(
      stay,
      'Directions: https://maps.example/x and https://hotel.example/a',
    )
    expect(result.ok).toBe(true)
    expect(result.ok && 'warnings' in result && result.warnings).toEqual([
      expect.objectContaining({ code: 'link_removed' }),
    ])
  })

  it('refuses a message after the send window closed, with no POST', async () => {
    const stay = await createStay(h.box, {
      booked_at: '2025-03-01T09:00:00.000Z',
      checkin: '2025-04-01',
      checkout: '2025-04-05',
    })
    const before = (await sentMessages(h.box)).length
    const result = await send(stay, 'Thank you for staying with us!')
    expect(result).toMatchObject({ ok: false, error: { code: 'policy_refused' } })
    expect(!result.ok && result.error.details?.reasons?.[0]).toMatchObject({
      code: 'sendWindowClosed',
      severity: 'block',
      key: 'policy:reasons.sendWindowClosed',
    })
    expect(posts()).toBe(0)
    expect(await sentMessages(h.box)).toHaveLength(before)
  })

  it('lets the guest reopen a closed window (rule 2)', async () => {
    const stay = await createStay(h.box, {
      booked_at: '2025-03-01T09:00:00.000Z',
      checkin: '2025-04-01',
      checkout: '2025-04-05',
    })
    await guestWrites(h.box, stay, 'I forgot my charger in the room.', {
      timestamp: '2025-06-14T08:00:00.000Z',
    })
    expect((await send(stay, 'We found it and will post it.')).ok).toBe(true)
  })

  it('refuses a link on a property whose links are off, with no POST', async () => {
    const stay = await createStay(h.box, { links_disabled: true })
    const result = await send(stay, 'Pay here: https://pay.example/now')
    expect(result).toMatchObject({ ok: false, error: { code: 'policy_refused' } })
    expect(!result.ok && result.error.details?.reasons?.map((r) => r.code)).toContain(
      'linksDisabled',
    )
    expect(posts()).toBe(0)
  })

  it('refuses a PDF upload, with no POST', async () => {
    const stay = await createStay(h.box)
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
    const result = await preflightUpload(h.client, h.facts, h.clock, {
      ...stay,
      fileName: 'invoice.pdf',
      fileType: 'image/png',
      bytes: pdf,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'policy_refused' } })
    const blocking =
      !result.ok && result.error.details?.reasons?.filter((r) => r.severity === 'block')
    expect(blocking && blocking.map((r) => r.code)).toEqual(['attachmentNotImage'])
    expect(posts()).toBe(0)
  })

  it('accepts a PNG and reports the type its bytes show', async () => {
    const stay = await createStay(h.box)
    const result = await preflightUpload(h.client, h.facts, h.clock, {
      ...stay,
      fileName: 'map.jpg',
      fileType: 'image/jpeg',
      bytes: new Uint8Array(mapPng()),
    })
    expect(result).toEqual({ ok: true, value: { detectedType: 'image/png' } })
  })

  it('refuses images in a booking request', async () => {
    const stay = await createStay(h.box, { conversation_type: 'request_to_book' })
    const check = await preflightSend(h.client, h.facts, h.clock, {
      ...stay,
      content: 'See the photo',
      attachmentIds: ['a1'],
    })
    expect(!check.ok && check.error.details?.reasons?.map((r) => r.code)).toContain(
      'attachmentsInRequestToBook',
    )
  })

  it('answers the platform failure, not a refusal, when the facts cannot be fetched', async () => {
    const stay = await createStay(h.box)
    await h.client.properties()
    await setFaults(h.box, { outage: true })
    const check = await preflightSend(h.client, h.facts, h.clock, {
      ...stay,
      content: 'Hello',
      attachmentIds: [],
    })
    expect(check).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(posts()).toBe(0)
  })
})
