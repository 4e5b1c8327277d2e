import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { outboxOf, type InnboxDb } from '@/db'
import { initI18n } from '@/i18n'
import { useComposerStore } from '@/stores/composer'
import { openDesk } from './mount'
import { addConversation, guestMessage, openDb, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

// What the reply translation needs from the composer: a short hold on Send while the text
// it is about to put into the box is on its way, and a count of sends to follow.

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  db.close()
})

async function readyComposer() {
  await addConversation(db, { messages: [guestMessage('m1', 'Bonjour, un parking ?')] })
  await openDesk(db)
  const composer = useComposerStore()
  await vi.waitFor(() => expect(composer.ready).toBe(true))
  composer.updateText('Oui, le parking est gratuit.')
  return composer
}

describe('a hold on Send', () => {
  it('keeps Send off while held, and sends nothing if asked meanwhile', async () => {
    const composer = await readyComposer()
    expect(composer.canSend).toBe(true)
    composer.hold('translation', true)
    expect(composer.held).toBe(true)
    expect(composer.canSend).toBe(false)
    expect(await composer.send()).toBe(false)
    expect(await outboxOf(db, 'c1')).toHaveLength(0)
    composer.hold('translation', false)
    expect(composer.canSend).toBe(true)
  })

  it('is released only by the one who holds it', async () => {
    const composer = await readyComposer()
    composer.hold('translation', true)
    composer.hold('backTranslation', true)
    composer.hold('translation', false)
    expect(composer.canSend).toBe(false)
    composer.hold('backTranslation', false)
    expect(composer.canSend).toBe(true)
  })
})

describe('the count of sends', () => {
  it('grows by one for each message queued, not for a refused send', async () => {
    const composer = await readyComposer()
    expect(composer.sentCount).toBe(0)
    expect(await composer.send()).toBe(true)
    expect(composer.sentCount).toBe(1)
    expect(await composer.send()).toBe(false)
    expect(composer.sentCount).toBe(1)
    const [queued] = await outboxOf(db, 'c1')
    expect(queued?.action).toMatchObject({ content: 'Oui, le parking est gratuit.' })
  })
})
