import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversationResponseSchema, parseEnvelope } from '../../../../../shared/platform'
import { createStay, guestWrites, NOW, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

async function readConversation(ids: { propertyId: string; conversationId: string }) {
  const answer = await box.api(
    'GET',
    `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
  )
  const parsed = parseEnvelope(answer.body, conversationResponseSchema)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.data.conversation
}

describe('conversation tags', () => {
  it('sets and clears no_reply_needed, telling when it was set (rule 9)', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}/tags/no_reply_needed`
    expect((await box.api('PUT', path)).status).toBe(200)
    const tag = (await readConversation(ids)).tags.no_reply_needed
    expect(tag?.set).toBe(true)
    expect(Date.parse(tag?.set_at ?? '') - Date.parse(NOW)).toBeLessThan(60_000)
    expect((await box.api('DELETE', path)).status).toBe(200)
    expect((await readConversation(ids)).tags.no_reply_needed).toEqual({ set: false, set_at: null })
  })

  it('marks guest messages read for the property participant and unmarks them', async () => {
    const ids = await createStay(box)
    const messageId = await guestWrites(box, ids, 'Hello!')
    const property = (await readConversation(ids)).participants.find(
      (p) => p.metadata.participant_type === 'property',
    )
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}/tags/message_read`
    const body = { message_ids: [messageId], participant_id: property?.participant_id }
    expect((await box.api('PUT', path, { body })).status).toBe(200)
    expect((await readConversation(ids)).tags.message_read?.message_ids).toEqual([messageId])
    expect((await box.api('DELETE', path, { body })).status).toBe(200)
    expect((await readConversation(ids)).tags.message_read?.message_ids).toEqual([])
  })

  it('refuses unknown messages and participants, and any tag on a request_to_book', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}/tags/message_read`
    const stranger = await box.api('PUT', path, {
      body: { message_ids: ['x'], participant_id: 'nobody' },
    })
    expect(stranger.body.errors[0].code).toBe('participant_not_found')
    const guest = (await readConversation(ids)).participants.find(
      (p) => p.metadata.participant_type === 'guest',
    )
    const unknown = await box.api('PUT', path, {
      body: { message_ids: ['x'], participant_id: guest?.participant_id },
    })
    expect(unknown.body.errors[0].code).toBe('message_not_found')
    const rtb = await createStay(box, {
      property_id: ids.propertyId,
      conversation_type: 'request_to_book',
    })
    const tag = await box.api(
      'PUT',
      `/properties/${ids.propertyId}/conversations/${rtb.conversationId}/tags/no_reply_needed`,
    )
    expect(tag.status).toBe(400)
    expect(tag.body.errors[0].code).toBe('tags_not_allowed')
  })
})
