import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mapPng } from '../../../../../sandbox/seed/png'
import { createStay, guestWrites } from '../../../sandbox/harness'
import { platformHarness, sentMessages } from './harness'
import type { Harness } from './harness'

let h: Harness
let stay: { propertyId: string; reservationId: string; conversationId: string }

beforeAll(async () => {
  h = await platformHarness()
  stay = await createStay(h.box)
  await guestWrites(h.box, stay, 'Olá! A que horas é o check-in?')
})
afterAll(() => h.close())

function ok<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.value
}

describe('PlatformClient against the sandbox', () => {
  it('lists the properties of the account', async () => {
    const properties = ok(await h.client.properties())
    expect(properties.map((p) => p.property_id)).toContain(stay.propertyId)
    expect(properties[0]).toMatchObject({ time_zone: 'Europe/Lisbon', links_disabled: false })
  })

  it('reads the reservations feed', async () => {
    const page = ok(await h.client.reservations(stay.propertyId))
    expect(page.reservations).toEqual([
      expect.objectContaining({ reservation_id: stay.reservationId, guest_name: 'Ana Lima' }),
    ])
    const later = ok(
      await h.client.reservations(stay.propertyId, { updatedSince: '2099-01-01T00:00:00.000Z' }),
    )
    expect(later.reservations).toEqual([])
  })

  it('lists conversations, reads one, and finds one by reservation', async () => {
    const list = ok(await h.client.conversations(stay.propertyId))
    expect(list.conversations.map((c) => c.conversation_id)).toContain(stay.conversationId)
    const conversation = ok(await h.client.conversation(stay.propertyId, stay.conversationId))
    // Accept-Version 1.2: messages carry their type.
    expect(conversation.messages[0]).toMatchObject({ message_type: 'free_text' })
    const byReservation = ok(
      await h.client.conversationByReservation(stay.propertyId, stay.reservationId),
    )
    expect(byReservation.conversation_id).toBe(stay.conversationId)
  })

  it('pulls the queue and confirms it', async () => {
    const page = ok(await h.client.latestMessages())
    expect(page.messages.map((m) => m.content)).toContain('Olá! A que horas é o check-in?')
    const confirmed = ok(await h.client.confirmMessages(page.messages.length))
    expect(confirmed.number_of_messages).toBe(page.messages.length)
    expect(ok(await h.client.latestMessages()).messages).toEqual([])
  })

  it('uploads an image, sends it with text, and reads it back', async () => {
    const png = new Uint8Array(mapPng())
    const upload = ok(
      await h.client.uploadAttachment(stay.propertyId, stay.conversationId, {
        fileName: 'map.png',
        fileType: 'image/png',
        bytes: png,
      }),
    )
    const sent = ok(
      await h.client.sendMessage(stay.propertyId, stay.conversationId, {
        content: 'Here is the map.',
        attachmentIds: [upload.attachment_id],
      }),
    )
    expect(sent.message_id).toEqual(expect.any(String))
    expect(await sentMessages(h.box)).toEqual([
      expect.objectContaining({ content: 'Here is the map.' }),
    ])
    const metadata = ok(
      await h.client.attachmentMetadata(stay.propertyId, stay.conversationId, upload.attachment_id),
    )
    expect(metadata).toMatchObject({ file_name: 'map.png', file_size: png.length })
    const bytes = ok(
      await h.client.downloadAttachment(stay.propertyId, stay.conversationId, upload.attachment_id),
    )
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true)
  })

  it('sets and clears both tags', async () => {
    const ids = [stay.propertyId, stay.conversationId] as const
    ok(await h.client.setNoReplyNeeded(...ids, true))
    let conversation = ok(await h.client.conversation(...ids))
    expect(conversation.tags.no_reply_needed?.set).toBe(true)
    ok(await h.client.setNoReplyNeeded(...ids, false))
    conversation = ok(await h.client.conversation(...ids))
    expect(conversation.tags.no_reply_needed?.set).toBe(false)
    const guest = conversation.participants.find((p) => p.metadata.participant_type === 'property')
    const read = {
      messageIds: [conversation.messages[0]!.message_id],
      participantId: guest!.participant_id,
    }
    ok(await h.client.setMessageRead(...ids, read, true))
    ok(await h.client.setMessageRead(...ids, read, false))
  })

  it('runs a search job to its result', async () => {
    const job = ok(
      await h.client.startSearch({
        after: '2025-06-01T00:00:00.000Z',
        before: '2025-07-01T00:00:00.000Z',
        propertyId: stay.propertyId,
      }),
    )
    const result = ok(await h.client.searchResult(job.job_id))
    expect(result.status).toBe('ready')
    expect(result.messages.length).toBeGreaterThan(0)
  })

  it('answers not_found with the request id for an unknown conversation', async () => {
    const result = await h.client.conversation(stay.propertyId, 'no-such-conversation')
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        details: { status: 404, platformCodes: ['conversation_not_found'] },
      },
    })
    expect(result.ok || result.error.details?.ruid).toMatch(/^[0-9a-f]{24}$/)
  })

  it('logs every request with its ruid, path and status', () => {
    const sends = h.log.entries.filter(
      (e) => e.method === 'POST' && e.path.endsWith(stay.conversationId),
    )
    expect(sends).toEqual([
      expect.objectContaining({
        status: 200,
        outcome: 'ok',
        ruid: expect.stringMatching(/^[0-9a-f]+$/),
      }),
    ])
    expect(h.log.entries.every((e) => !e.path.includes('?'))).toBe(true)
  })
})
