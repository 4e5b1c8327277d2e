import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  conversationListPageSchema,
  conversationResponseSchema,
  parseEnvelope,
} from '../../../../../shared/platform'
import { createStay, guestWrites, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox({ pageSize: 5 })
})
afterAll(() => box.close())

describe('conversations', () => {
  it('lists every conversation of a property with only its latest message, paged by page_id', async () => {
    const first = await createStay(box)
    const propertyId = first.propertyId
    const others = []
    for (let index = 0; index < 11; index += 1)
      others.push(await createStay(box, { property_id: propertyId }))
    await guestWrites(box, first, 'first')
    await guestWrites(box, first, 'second')
    const seen: string[] = []
    let pageId: string | null = null
    let pages = 0
    do {
      const query: string = pageId ? `?page_id=${encodeURIComponent(pageId)}` : ''
      const answer = await box.api('GET', `/properties/${propertyId}/conversations${query}`)
      const page = parseEnvelope(answer.body, conversationListPageSchema)
      if (!page.ok) throw new Error(page.error.message)
      for (const conversation of page.data.conversations) {
        seen.push(conversation.conversation_id)
        if (conversation.conversation_id === first.conversationId) {
          expect(conversation.messages.map((m) => m.content)).toEqual(['second'])
        }
      }
      pageId = page.data.next_page_id
      pages += 1
    } while (pageId)
    expect(pages).toBe(3)
    expect(seen).toEqual([first, ...others].map((ids) => ids.conversationId))
  })

  it('refuses a page_id it did not hand out', async () => {
    const { propertyId } = await createStay(box)
    const answer = await box.api('GET', `/properties/${propertyId}/conversations?page_id=bogus`)
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('invalid_page_id')
  })

  it('finds the conversation of a reservation, empty for a new booking', async () => {
    const ids = await createStay(box)
    const answer = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/type/reservation?conversation_reference=${ids.reservationId}`,
    )
    const parsed = parseEnvelope(answer.body, conversationResponseSchema)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.data.conversation.conversation_id).toBe(ids.conversationId)
    expect(parsed.data.conversation.conversation_reference).toBe(ids.reservationId)
    expect(parsed.data.conversation.messages).toEqual([])
    const missing = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/type/reservation?conversation_reference=1`,
    )
    expect(missing.status).toBe(404)
    const noQuery = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/type/reservation`,
    )
    expect(noQuery.status).toBe(400)
  })

  it('answers 410 read_window_closed a year after check-out and drops it from the list (rule 3)', async () => {
    const old = await createStay(box, {
      booked_at: '2024-01-01T10:00:00.000Z',
      checkin: '2024-06-10',
      checkout: '2024-06-14',
    })
    const recent = await createStay(box, {
      property_id: old.propertyId,
      booked_at: '2024-01-01T10:00:00.000Z',
      checkin: '2024-06-12',
      checkout: '2024-06-16',
    })
    const gone = await box.api(
      'GET',
      `/properties/${old.propertyId}/conversations/${old.conversationId}`,
    )
    expect(gone.status).toBe(410)
    expect(gone.body.errors[0].code).toBe('read_window_closed')
    const byReservation = await box.api(
      'GET',
      `/properties/${old.propertyId}/conversations/type/reservation?conversation_reference=${old.reservationId}`,
    )
    expect(byReservation.status).toBe(410)
    const list = await box.api('GET', `/properties/${old.propertyId}/conversations`)
    expect(
      list.body.data.conversations.map((c: { conversation_id: string }) => c.conversation_id),
    ).toEqual([recent.conversationId])
  })

  it('shows participants and the tags of a reservation conversation, none on a request_to_book', async () => {
    const ids = await createStay(box)
    const rtb = await createStay(box, {
      property_id: ids.propertyId,
      conversation_type: 'request_to_book',
    })
    const conversation = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
    )
    expect(
      conversation.body.data.conversation.participants.map(
        (p: { metadata: { participant_type: string } }) => p.metadata.participant_type,
      ),
    ).toEqual(['property', 'guest'])
    expect(conversation.body.data.conversation.tags.no_reply_needed).toEqual({
      set: false,
      set_at: null,
    })
    const request = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${rtb.conversationId}`,
    )
    expect(request.body.data.conversation.conversation_type).toBe('request_to_book')
    expect(request.body.data.conversation.tags).toEqual({})
  })
})
