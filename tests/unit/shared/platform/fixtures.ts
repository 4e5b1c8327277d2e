import type { MessageWire } from '@shared/platform'

// Wire-shaped samples, as the platform would send them.

export function guestMessage(overrides: Partial<MessageWire> = {}): MessageWire {
  return {
    message_id: 'b7c4e4a0-6c74-11f0-8a0a-3dbfea505c1d',
    content: 'Hello, can we check in early?',
    timestamp: '2020-08-17T16:54:19.270Z',
    sender: { participant_id: 'guest-1', metadata: { participant_type: 'guest', name: 'Ana' } },
    conversation: {
      conversation_id: 'conv-1',
      conversation_type: 'reservation',
      conversation_reference: '4380765874',
    },
    attachment_ids: [],
    ...overrides,
  }
}

export function envelope(data: unknown, extra: Record<string, unknown> = {}) {
  return { meta: { ruid: 'ruid-1' }, data, errors: [], warnings: [], ...extra }
}
