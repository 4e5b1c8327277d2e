import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, writeProperties, type InnboxDb } from '@/db'
import { observeQuery } from '@/db/live'
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
    expect(answer.bootstrapped).toBe(false)
    // The conversation rows say it all: no message is read.
    expect(messageReads).not.toHaveBeenCalled()
  })

  it('reads only the conversations a notification may be about, not all those active', async () => {
    const rowReads = vi.spyOn(db.conversations, 'where')
    await recentGuestMessages(db, T0 - DAY)
    expect(rowReads.mock.calls.map(([index]) => index)).toEqual(['unreadGuestAt'])
    const indexed = await db.conversations.where('unreadGuestAt').above(0).primaryKeys()
    // 'b' (answered), 'c' (read) and 'd' (old, yet unread) hold no key, or an old one.
    expect(indexed.sort()).toEqual(['a', 'd', 'e'])
  })
})

describe('the notifications read, live', () => {
  /** Follows the read as the app does; `runs` counts how often it read the store. */
  function follow() {
    let runs = 0
    const answers: string[][] = []
    const waiters: (() => void)[] = []
    const subscription = observeQuery(
      () => {
        runs += 1
        return recentGuestMessages(db, T0 - DAY)
      },
      (answer) => {
        answers.push(answer.messages.map((m) => m.messageId))
        waiters.splice(0).forEach((wake) => wake())
      },
      (error) => {
        throw error
      },
    )
    const next = () => new Promise<void>((resolve) => waiters.push(resolve))
    return { subscription, answers, next, runs: () => runs }
  }
  const at = (id: string, c: string, p: string, time: number, from?: 'property') =>
    message({ id, conversationId: c, propertyId: p, at: time, from })
  /** Lets a read that a write may have woken run (Dexie starts it after the commit). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

  it('is not read again for writes to conversations no notification is about', async () => {
    const live = follow()
    await live.next()
    expect(live.answers).toEqual([['e1', 'a2']])
    // A reply in an answered conversation, a staff message in a read one: both active today.
    await applyConversationUpdates(db, [
      { conversationId: 'b', messages: [at('b3', 'b', 'p2', T0 + HOUR, 'property')] },
      { conversationId: 'c', messages: [at('c2', 'c', 'p2', T0 + HOUR, 'property')] },
    ])
    await settle()
    expect(live.runs()).toBe(1)
    // A guest writes: read again, with the new message.
    const arrived = live.next()
    await applyConversationUpdates(db, [
      { conversationId: 'b', messages: [at('b4', 'b', 'p2', T0 + 2 * HOUR)] },
    ])
    await arrived
    expect(live.answers.at(-1)).toEqual(['e1', 'a2', 'b4'])
    expect(live.runs()).toBe(2)
    live.subscription.unsubscribe()
  })

  it('drops a conversation once it is read on this desk', async () => {
    const live = follow()
    await live.next()
    const arrived = live.next()
    await applyConversationUpdates(db, [{ conversationId: 'a', messages: [], markRead: 'all' }])
    await arrived
    expect(live.answers.at(-1)).toEqual(['e1'])
    live.subscription.unsubscribe()
  })
})
