import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  conversationResponseSchema,
  parseEnvelope,
  sendMessageResultSchema,
} from '../../../../../shared/platform'
import { createStay, guestWrites, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox

beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

const send = (
  ids: { propertyId: string; conversationId: string },
  message: Record<string, unknown>,
) =>
  box.api('POST', `/properties/${ids.propertyId}/conversations/${ids.conversationId}`, {
    body: { message },
  })

describe('sending a message', () => {
  it('stores the message and answers its id in the envelope', async () => {
    const ids = await createStay(box)
    const answer = await send(ids, { content: 'Bem-vinda! O check-in é a partir das 15h.' })
    expect(answer.status).toBe(200)
    const parsed = parseEnvelope(answer.body, sendMessageResultSchema, { status: answer.status })
    expect(parsed.ok).toBe(true)
    const conversation = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
    )
    const read = parseEnvelope(conversation.body, conversationResponseSchema)
    if (!read.ok) throw new Error(read.error.message)
    expect(
      read.data.conversation.messages.map((m) => [
        m.message_id,
        m.sender.metadata.participant_type,
      ]),
    ).toEqual([[answer.body.data.message_id, 'property']])
  })

  it('refuses with send_window_closed 7 days after check-out when the guest has not written for 14 days (rules 1, 2)', async () => {
    const ids = await createStay(box, { checkin: '2025-05-01', checkout: '2025-05-05' })
    const answer = await send(ids, { content: 'Hello?' })
    expect(answer.status).toBe(403)
    expect(answer.body.errors[0].code).toBe('send_window_closed')
    expect(answer.body.data).toBeNull()
  })

  it('lets the property reply within 14 days of a guest message even after the send window (rule 2)', async () => {
    const ids = await createStay(box, { checkin: '2025-05-01', checkout: '2025-05-05' })
    await guestWrites(box, ids, 'I forgot my charger in the room!', {
      timestamp: '2025-06-05T10:00:00.000Z',
    })
    expect((await send(ids, { content: 'We found it, we will post it.' })).status).toBe(200)
  })

  it('counts the send window from cancellation for a cancelled booking (rule 1)', async () => {
    const ids = await createStay(box, {
      checkin: '2025-08-01',
      checkout: '2025-08-04',
      status: 'cancelled',
      cancelled_at: '2025-06-01T10:00:00.000Z',
    })
    expect((await send(ids, { content: 'Sorry to see you cancel.' })).body.errors[0].code).toBe(
      'send_window_closed',
    )
  })

  it('strips links that are not on the approved list and warns about them (rule 5)', async () => {
    const ids = await createStay(box, { approved_links: ['https://casa.example'] })
    const answer = await send(ids, {
      content: 'Map: https://casa.example/map and pay here https://evil.example/pay now',
    })
    expect(answer.status).toBe(200)
    expect(answer.body.warnings).toEqual([expect.objectContaining({ code: 'link_removed' })])
    const conversation = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
    )
    const stored = conversation.body.data.conversation.messages[0].content as string
    expect(stored).toContain('https://casa.example/map')
    expect(stored).not.toContain('evil.example')
  })

  it('refuses any link where the property has links switched off (rule 5)', async () => {
    const ids = await createStay(box, { links_disabled: true })
    const answer = await send(ids, { content: 'See www.casa.example for photos' })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('links_disabled')
  })

  it('refuses empty and over-long messages (rule 11)', async () => {
    const ids = await createStay(box)
    expect((await send(ids, { content: '   ' })).body.errors[0].code).toBe('empty_message')
    expect((await send(ids, { content: 'a'.repeat(5001) })).body.errors[0].code).toBe(
      'message_too_long',
    )
    expect((await send(ids, { content: 'a'.repeat(5000) })).status).toBe(200)
  })

  it('refuses contact details in a request_to_book conversation (rule 6)', async () => {
    const ids = await createStay(box, { conversation_type: 'request_to_book' })
    const answer = await send(ids, {
      content: 'Write to me at maria.host@gmail.com or call +351 912 345 678',
    })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('contact_details_not_allowed')
  })

  it('refuses an attachment id that was not uploaded to this conversation', async () => {
    const ids = await createStay(box)
    const answer = await send(ids, { content: 'Photo', attachment_ids: ['nope'] })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('attachment_not_found')
  })

  it('answers 404 for an unknown conversation and 403 for a property the account does not manage', async () => {
    const ids = await createStay(box)
    const unknown = await send({ ...ids, conversationId: 'missing' }, { content: 'Hi' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0].code).toBe('conversation_not_found')
    await box.control('POST', '/accounts', {
      client_id: 'other-desk',
      client_secret: 'other-secret-1',
      property_ids: [],
    })
    const token = await box.token('other-desk', 'other-secret-1')
    const foreign = await box.api(
      'POST',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
      {
        body: { message: { content: 'Hi' } },
        token,
      },
    )
    expect(foreign.status).toBe(403)
    expect(foreign.body.errors[0].code).toBe('property_not_accessible')
  })

  it('keeps every one of many concurrent sends to one conversation, in the order it accepted them', async () => {
    const ids = await createStay(box)
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => send(ids, { content: `message ${index}` })),
    )
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    const sentIds = answers.map((answer) => answer.body.data.message_id as string)
    const conversation = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
    )
    const messages = conversation.body.data.conversation.messages as {
      message_id: string
      timestamp: string
    }[]
    expect(new Set(messages.map((m) => m.message_id))).toEqual(new Set(sentIds))
    const timestamps = messages.map((m) => m.timestamp)
    expect([...timestamps].sort()).toEqual(timestamps)
    expect(new Set(timestamps).size).toBe(timestamps.length)
    const sentLog = (await box.control('GET', '/sent')).body.messages as { message_id: string }[]
    const logged = sentLog.map((m) => m.message_id).filter((id) => sentIds.includes(id))
    expect(logged).toEqual(messages.map((m) => m.message_id))
  })
})
