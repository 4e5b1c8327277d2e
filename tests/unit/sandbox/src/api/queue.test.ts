import { afterEach, describe, expect, it } from 'vitest'
import { parseEnvelope, queuePageSchema } from '../../../../../shared/platform'
import { createStay, guestWrites, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox | undefined
afterEach(async () => {
  await box?.close()
  box = undefined
})

async function withGuestMessages(count: number, options = {}) {
  box = await startTestSandbox(options)
  const ids = await createStay(box)
  const messages = Array.from({ length: count }, (_, index) => ({
    property_id: ids.propertyId,
    conversation_id: ids.conversationId,
    content: `question ${index}`,
  }))
  const created = await box.control('POST', '/guest-messages', messages)
  return {
    box,
    ids,
    messageIds: (created.body as { message_id: string }[]).map((m) => m.message_id),
  }
}

describe('the message queue', () => {
  it('serves at most 100 messages, oldest first, until they are confirmed', async () => {
    const { box, messageIds } = await withGuestMessages(130)
    const first = await box.api('GET', '/messages/latest')
    const page = parseEnvelope(first.body, queuePageSchema)
    if (!page.ok) throw new Error(page.error.message)
    expect(page.data.messages.map((m) => m.message_id)).toEqual(messageIds.slice(0, 100))
    const again = await box.api('GET', '/messages/latest')
    expect(again.body.data.messages[0].message_id).toBe(messageIds[0])
    const confirmed = await box.api('PUT', '/messages?number_of_messages=100')
    expect(confirmed.body.data).toEqual({ number_of_messages: 100 })
    const rest = await box.api('GET', '/messages/latest')
    expect(rest.body.data.messages.map((m: { message_id: string }) => m.message_id)).toEqual(
      messageIds.slice(100),
    )
  })

  it('includes what the property sent, so a second desk on the account sees it too', async () => {
    const { box, ids } = await withGuestMessages(1)
    await box.api('PUT', '/messages?number_of_messages=1')
    const sent = await box.api(
      'POST',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
      {
        body: { message: { content: 'Olá!' } },
      },
    )
    const queue = await box.api('GET', '/messages/latest')
    expect(queue.body.data.messages.map((m: { message_id: string }) => m.message_id)).toEqual([
      sent.body.data.message_id,
    ])
  })

  it('sometimes delivers an already confirmed message again, so clients must de-duplicate', async () => {
    const { box, messageIds } = await withGuestMessages(3, { redeliveryRate: 1 })
    await box.api('PUT', '/messages?number_of_messages=3')
    const again = await box.api('GET', '/messages/latest')
    expect(again.body.data.messages).toHaveLength(1)
    expect(messageIds).toContain(again.body.data.messages[0].message_id)
  })

  it('hides self-service requests under version 1.0 and shows them with message_type under 1.2', async () => {
    box = await startTestSandbox()
    const ids = await createStay(box)
    const request = await guestWrites(box, ids, 'The guest asked for an extra bed.', {
      message_type: 'self_service_event',
      attributes: { self_service_topic: 'extra_bed' },
    })
    const text = await guestWrites(box, ids, 'And a late check-out, please?')
    const old = await box.api('GET', '/messages/latest')
    expect(old.body.data.messages.map((m: { message_id: string }) => m.message_id)).toEqual([text])
    expect(old.body.data.messages[0]).not.toHaveProperty('message_type')
    const current = await box.api('GET', '/messages/latest', { version: '1.2' })
    expect(
      current.body.data.messages.map((m: { message_id: string; message_type: string }) => [
        m.message_id,
        m.message_type,
      ]),
    ).toEqual([
      [request, 'self_service_event'],
      [text, 'free_text'],
    ])
    expect(current.body.data.messages[0].attributes).toEqual({ self_service_topic: 'extra_bed' })
  })

  it('refuses a confirmation without a count between 1 and 100', async () => {
    box = await startTestSandbox()
    for (const query of [
      '',
      '?number_of_messages=0',
      '?number_of_messages=101',
      '?number_of_messages=abc',
    ]) {
      const answer = await box.api('PUT', `/messages${query}`)
      expect(answer.status).toBe(400)
      expect(answer.body.errors[0].code).toBe('invalid_request')
    }
  })

  it('gives each machine account its own queue', async () => {
    const { box } = await withGuestMessages(2)
    await box.control('POST', '/accounts', { client_id: 'second', client_secret: 'second-secret' })
    const ids = await createStay(box)
    await guestWrites(box, ids, 'Hello')
    const token = await box.token('second', 'second-secret')
    const second = await box.api('GET', '/messages/latest', { token })
    expect(second.body.data.messages).toHaveLength(1)
    const first = await box.api('GET', '/messages/latest')
    expect(first.body.data.messages).toHaveLength(3)
  })
})
