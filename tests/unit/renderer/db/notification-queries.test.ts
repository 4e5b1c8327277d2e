import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, type InnboxDb } from '@/db'
import { recentGuestMessages } from '@/db/notification-queries'
import { DAY, HOUR, T0, freshDb, message, property } from './builders'

let db: InnboxDb
beforeEach(async () => {
  db = freshDb()
  await writeProperties(db, [property('p1'), property('p2')])
  const at = (id: string, c: string, p: string, time: number, from?: 'property') =>
    message({ id, conversationId: c, propertyId: p, at: time, content: `text of ${id}`, from })
  await applyConversationUpdates(db, [
    // Two unread guest messages: the latest stands for the conversation.
    {
      conversationId: 'a',
      messages: [at('a1', 'a', 'p1', T0 - 2 * HOUR), at('a2', 'a', 'p1', T0)],
    },
    // Answered by the property.
    {
      conversationId: 'b',
      messages: [at('b1', 'b', 'p2', T0 - HOUR), at('b2', 'b', 'p2', T0, 'property')],
    },
    // Read on this desk.
    { conversationId: 'c', messages: [at('c1', 'c', 'p2', T0 - HOUR)], markRead: 'all' },
    // Before the window.
    { conversationId: 'd', messages: [at('d1', 'd', 'p1', T0 - 3 * DAY)] },
    { conversationId: 'e', messages: [at('e1', 'e', 'p2', T0 - HOUR)] },
  ])
})
afterEach(() => db.close())

describe('the notifications read', () => {
  it("gives each active conversation's latest message when it is an unread guest message", async () => {
    const messageReads = vi.spyOn(db.messages, 'where')
    const answer = await recentGuestMessages(db, T0 - DAY)
    expect(answer.messages).toEqual([
      {
        messageId: 'e1',
        conversationId: 'e',
        propertyId: 'p2',
        timestamp: T0 - HOUR,
        guestName: null,
        content: 'text of e1',
      },
      expect.objectContaining({ messageId: 'a2', conversationId: 'a', timestamp: T0 }),
    ])
    expect(answer.latestActivityAt).toBe(T0)
    expect(answer.bootstrapped).toBe(false)
    // The conversation rows say it all: no message is read.
    expect(messageReads).not.toHaveBeenCalled()
  })
})
