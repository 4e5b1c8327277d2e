import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  enqueueSend,
  markFailed,
  markSending,
  outboxOf,
  type InnboxDb,
  type OutboxRecord,
} from '@/db'
import { reason } from '@shared/policy'
import {
  addConversation,
  bytesOf,
  guestMessage,
  HOUR,
  message,
  openDb,
  propertyMessage,
  T0,
} from '../features/conversation/world'

vi.mock('@/bridge', () => import('../features/conversation/fake-bridge'))
vi.mock('@/stores/inbox', () => import('../features/conversation/fake-inbox'))
const { attachmentsGet } = await import('../features/conversation/fake-bridge')
const { useConversationStore } = await import('@/stores/conversation')
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

let db: InnboxDb

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
}

/** Animation frames wait until the test runs them (`frames.shift()?.(time)`). */
function holdFrames(): FrameRequestCallback[] {
  const frames: FrameRequestCallback[] = []
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    frames.push(callback)
    return frames.length
  })
  return frames
}

function stores() {
  const sync = useSyncStore()
  sync.db = db
  const flush = vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
  const open = useConversationStore()
  const leave = open.showOnScreen()
  return { sync, flush, inbox: useInboxStore(), open, leave }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  setVisibility('visible')
  setActivePinia(createPinia())
  db = openDb(new IDBFactory())
  attachmentsGet.mockReset()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  db.close()
})

describe('the open conversation', () => {
  it('shows its timeline, property and reservation, and reading it marks it read through the outbox', async () => {
    await addConversation(db, {
      messages: [guestMessage('m1', 'Hello'), guestMessage('m2', 'Are you there?', T0 - 30_000)],
    })
    const { inbox, open, flush } = stores()
    inbox.selectConversation('c1')

    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
    expect(open.property?.name).toBe('Hotel p1')
    expect(open.reservation?.reservation.guest_name).toBe('Maria Silva')
    expect(open.timeline.map((item) => item.kind === 'message' && item.message.messageId)).toEqual([
      'm1',
      'm2',
    ])
    expect(open.stage).toBe('upcoming')
    // "New" starts at the first message that was unread when it opened.
    expect(open.unreadFrom).toBe(T0 - HOUR)
    const [record] = await outboxOf(db, 'c1')
    expect(record?.action).toMatchObject({ kind: 'markRead', messageIds: ['m1', 'm2'] })
    expect(flush).toHaveBeenCalled()
  })

  it('keeps the objects of what marking read left unchanged, so only that is drawn again', async () => {
    await addConversation(db, {
      messages: [
        propertyMessage('m0', 'Welcome!', T0 - 2 * HOUR),
        guestMessage('m1', 'Hello'),
        guestMessage('m2', 'Are you there?', T0 - 30_000),
      ],
    })
    // Held before marking read (it waits for the opened frame) until the timeline is taken.
    const frames = holdFrames()
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(frames).toHaveLength(1))
    expect(open.conversation?.unreadCount).toBe(2)
    const before = [...open.timeline]
    const property = open.property
    frames.shift()?.(performance.now())
    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
    const after = open.timeline
    // Our own message and the property did not change; the two guest messages did (now read).
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[2]).not.toBe(before[2])
    expect(open.property).toBe(property)
  })

  it('marks it read only once the opened conversation has been painted', async () => {
    await addConversation(db, { messages: [guestMessage('m1', 'Hello')] })
    const frames = holdFrames()
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(frames).toHaveLength(1))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(open.conversation?.unreadCount).toBe(1)
    expect(await outboxOf(db, 'c1')).toEqual([])

    frames.shift()?.(performance.now())
    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
  })

  it('marks nothing read while the window is in the background, and does once it is seen', async () => {
    await addConversation(db, { messages: [guestMessage('m1', 'Hello')] })
    setVisibility('hidden')
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(open.conversation?.unreadCount).toBe(1)
    expect(await outboxOf(db, 'c1')).toEqual([])

    setVisibility('visible')
    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
  })

  it('marks nothing read while another page covers the conversation', async () => {
    await addConversation(db, { messages: [guestMessage('m1', 'Hello')] })
    const { inbox, open, leave } = stores()
    leave()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(open.conversation?.unreadCount).toBe(1)

    open.showOnScreen()
    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
  })

  it('marks a booking request read on this desk only: it carries no tags', async () => {
    await addConversation(db, {
      conversationType: 'request_to_book',
      messages: [guestMessage('m1', 'Is the room free?')],
    })
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation?.unreadCount).toBe(0))
    expect(open.isRequestToBook).toBe(true)
    expect(open.stage).toBe('requestToBook')
    expect(await outboxOf(db, 'c1')).toEqual([])
    expect(await open.setNoReplyNeeded(true)).toBeNull()
  })

  it('sets and clears "No reply needed" through the outbox, shown at once', async () => {
    await addConversation(db, { messages: [guestMessage('m1', 'Thanks!')] })
    const { inbox, open, flush } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())

    await open.setNoReplyNeeded(true)
    await vi.waitFor(() => expect(open.noReplyNeeded).toBe(true))
    await open.setNoReplyNeeded(false)
    await vi.waitFor(() => expect(open.noReplyNeeded).toBe(false))
    const kinds = (await outboxOf(db, 'c1')).map((r) => r.action.kind)
    expect(kinds).toEqual(expect.arrayContaining(['setNoReplyNeeded', 'clearNoReplyNeeded']))
    expect(flush).toHaveBeenCalledTimes(3)
  })

  it('retries, edits and cancels failed messages; a queued one can only be cancelled', async () => {
    await addConversation(db)
    const target = { propertyId: 'p1', conversationId: 'c1' }
    const failed = await enqueueSend(db, { ...target, content: 'See www.x.example' }, { now: T0 })
    await markSending(db, failed.id, T0)
    const failure = { code: 'policy_refused', message: '', reasons: [reason('linksDisabled')] }
    await markFailed(db, failed.id, { now: T0, failure })
    const queued = await enqueueSend(db, { ...target, content: 'Later' }, { now: T0 + 1 })
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.timeline).toHaveLength(2))
    const record = (state: string) =>
      open.timeline.find((i) => i.kind === 'outbox' && i.state === state) as
        { record: OutboxRecord } | undefined
    expect(record('failed')?.record.failure?.code).toBe('policy_refused')

    await open.editAndRetry(record('failed')!.record, 'See you soon')
    const states = async () => (await outboxOf(db, 'c1')).map((r) => [r.state, r.action])
    expect(await states()).toEqual(
      expect.arrayContaining([
        ['queued', expect.objectContaining({ content: 'See you soon' })],
        ['queued', expect.objectContaining({ content: 'Later' })],
      ]),
    )
    await open.cancel(queued)
    expect((await outboxOf(db, 'c1')).map((r) => r.id)).toEqual([failed.id])
    // Not failed any more: retrying it again changes nothing.
    expect(await open.retry(failed)).toBeNull()
  })

  it('shows photos only from bytes that are JPEG or PNG, and revokes them when it closes', async () => {
    const withPhotos = message({
      id: 'm1',
      conversationId: 'c1',
      propertyId: 'p1',
      attachmentIds: ['a-photo', 'a-pdf'],
    })
    await addConversation(db, { messages: [withPhotos] })
    await addConversation(db, { conversationId: 'c2' })
    attachmentsGet.mockImplementation(async ({ attachmentId }: { attachmentId: string }) => ({
      ok: true,
      value: {
        // The metadata claims an image either way: only the bytes are believed.
        metadata: {
          attachment_id: attachmentId,
          file_name: 'x.jpg',
          file_type: 'image/jpeg',
          file_size: 64,
        },
        bytes: bytesOf(attachmentId === 'a-photo' ? 'jpeg' : 'pdf'),
      },
    }))
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:photo')
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())

    await open.requestPhoto('a-photo')
    await open.requestPhoto('a-pdf')
    expect(open.photos.get('a-photo')).toMatchObject({
      status: 'ready',
      url: 'blob:photo',
      type: 'image/jpeg',
    })
    expect(open.photos.get('a-pdf')).toEqual({ status: 'failed', code: 'not_image' })
    expect((created.mock.calls[0]?.[0] as Blob).type).toBe('image/jpeg')
    // Asked again: the cached answer, no second download.
    await open.requestPhoto('a-photo')
    expect(attachmentsGet).toHaveBeenCalledTimes(2)

    inbox.selectConversation('c2')
    await vi.waitFor(() => expect(revoked).toHaveBeenCalledWith('blob:photo'))
    expect(open.photos.size).toBe(0)
  })

  it('says a photo could not be loaded when the platform cannot give it', async () => {
    await addConversation(db, {
      messages: [message({ id: 'm1', conversationId: 'c1', attachmentIds: ['a1'] })],
    })
    attachmentsGet.mockResolvedValue({ ok: false, error: { code: 'offline', message: 'down' } })
    const { inbox, open } = stores()
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(open.conversation).not.toBeNull())
    await open.requestPhoto('a1')
    expect(open.photos.get('a1')).toEqual({ status: 'failed', code: 'offline' })
  })

  it('answers nothing for a conversation this desk does not hold', async () => {
    const { inbox, open } = stores()
    inbox.selectConversation('gone')
    await vi.waitFor(() => expect(open.loading).toBe(false))
    expect(open.conversation).toBeNull()
    expect(open.timeline).toEqual([])
  })
})
