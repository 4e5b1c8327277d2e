import { describe, expect, it } from 'vitest'
import {
  conversationListPageSchema,
  conversationResponseSchema,
  messagingPaths,
  searchResultSchema,
} from '@shared/platform'
import { guestMessage } from './fixtures'

const base = {
  conversation_id: 'conv-1',
  conversation_type: 'reservation',
  conversation_reference: '4380765874',
}

describe('conversation schemas', () => {
  it('reads a conversation with messages, participants and tags', () => {
    const parsed = conversationResponseSchema.parse({
      conversation: {
        ...base,
        messages: [guestMessage()],
        participants: [{ participant_id: 'h-1', metadata: { participant_type: 'hotel' } }],
        tags: { no_reply_needed: { set: true, set_at: '2024-01-01T10:00:00Z' } },
      },
    })
    expect(parsed.conversation.participants[0]?.metadata.participant_type).toBe('property')
    expect(parsed.conversation.tags.no_reply_needed).toEqual({
      set: true,
      set_at: '2024-01-01T10:00:00.000Z',
    })
  })

  it('reads an empty new conversation', () => {
    const parsed = conversationResponseSchema.parse({ conversation: base })
    expect(parsed.conversation.messages).toEqual([])
    expect(parsed.conversation.tags).toEqual({})
  })

  it('reads a list page and ends paging on an empty next_page_id', () => {
    const page = conversationListPageSchema.parse({
      conversations: [{ ...base, messages: [guestMessage()] }],
      next_page_id: '',
    })
    expect(page.next_page_id).toBeNull()
  })

  it('refuses a list entry with more than its latest message', () => {
    const page = { conversations: [{ ...base, messages: [guestMessage(), guestMessage()] }] }
    expect(conversationListPageSchema.safeParse(page).success).toBe(false)
  })

  it('reads a pending search job without messages', () => {
    const result = searchResultSchema.parse({ job_id: 'j-1', status: 'pending' })
    expect(result).toMatchObject({ messages: [], expires_at: null })
  })
})

describe('messaging paths', () => {
  it('encodes path parameters and omits absent query values', () => {
    expect(messagingPaths.conversations('p 1')).toBe('/properties/p%201/conversations')
    expect(messagingPaths.conversations('p', 'next/1')).toBe(
      '/properties/p/conversations?page_id=next%2F1',
    )
    expect(messagingPaths.reservationConversation('p', '43')).toBe(
      '/properties/p/conversations/type/reservation?conversation_reference=43',
    )
    expect(messagingPaths.confirmMessages(3)).toBe('/messages?number_of_messages=3')
  })
})
