import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { enqueueSend, markSending, markSent, timelineOf, type InnboxDb } from '@/db'
import type { MessageTime } from '@/features/conversation/format'
import MessageItem from '@/features/conversation/MessageItem.vue'
import { initI18n } from '@/i18n'
import { mountOn, openDesk } from './mount'
import { addConversation, openDb, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

// Each message a template or a scheduled rule wrote says so in the conversation (issue 8).

let db: InnboxDb
const time: MessageTime = { desk: '10:00', property: null, full: 'Saturday', day: '2025-03-01' }
const target = { propertyId: 'p1', conversationId: 'c1' }

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
  await addConversation(db)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
})

async function itemText(index: number): Promise<string> {
  const { pinia } = await openDesk(db)
  const item = (await timelineOf(db, 'c1'))[index]!
  const wrapper = mountOn(pinia, MessageItem, {
    item,
    time,
    guestName: 'Maria Silva',
    propertyName: 'Casa',
    propertyZone: 'Europe/Lisbon',
  })
  await vi.waitFor(() => expect(wrapper.find('.origin').exists()).toBe(true))
  await flushPromises()
  return wrapper.get('.origin').text()
}

describe('the audit trail on a message', () => {
  it('names the template and the rule of a message a scheduled send delivered', async () => {
    await enqueueSend(
      db,
      { ...target, content: 'Parking is behind the house.' },
      {
        now: T0,
        id: 'scheduled:r1:r-c1',
        origin: {
          templateId: 't1',
          templateName: 'Parking',
          ruleId: 'r1',
          trigger: { kind: 'beforeCheckIn', days: 2, at: '10:00' },
        },
      },
    )
    await markSending(db, 'scheduled:r1:r-c1', T0)
    await markSent(db, 'scheduled:r1:r-c1', { now: T0, messageId: 'sent-1' })
    expect(await itemText(0)).toBe(
      'Sent from template “Parking” (rule: 2 days before check-in, at 10:00 AM)',
    )
  })

  it('names the template of a reply still waiting to go', async () => {
    await enqueueSend(
      db,
      { ...target, content: 'Parking is behind the house.' },
      {
        now: T0,
        origin: { templateId: 't1', templateName: 'Parking', ruleId: null, trigger: null },
      },
    )
    expect(await itemText(0)).toBe('From template “Parking”')
  })
})
