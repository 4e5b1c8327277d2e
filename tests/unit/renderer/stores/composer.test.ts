import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, outboxOf, readDraft, type InnboxDb } from '@/db'
import type { ImageOps } from '@/composables/imageDownscale'
import {
  addConversation,
  bytesOf,
  guestMessage,
  HOUR,
  openDb,
  propertyMessage,
  T0,
} from '../features/conversation/world'

vi.mock('@/bridge', () => import('../features/conversation/fake-bridge'))
vi.mock('@/stores/inbox', () => import('../features/conversation/fake-inbox'))
const { useComposerStore, DRAFT_SAVE_DELAY_MS } = await import('@/stores/composer')
const { useConversationStore } = await import('@/stores/conversation')
const { useInboxStore } = await import('@/stores/inbox')
const { useSyncStore } = await import('@/stores/sync')

let factory: IDBFactory
let db: InnboxDb

async function openComposer(on: InnboxDb = db, conversationId = 'c1') {
  setActivePinia(createPinia())
  const sync = useSyncStore()
  sync.db = on
  const flush = vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
  const inbox = useInboxStore()
  const open = useConversationStore()
  const composer = useComposerStore()
  inbox.selectConversation(conversationId)
  await vi.waitFor(() => {
    expect(open.conversation).not.toBeNull()
    expect(composer.ready).toBe(true)
  })
  return { composer, open, inbox, flush }
}

const codes = (composer: ReturnType<typeof useComposerStore>) =>
  composer.decision?.reasons.map((r) => r.code) ?? []

/** A canvas stand-in: the JPEG's size follows its area and quality, like a real encoder. */
function fakeCanvas(bytesPerPixel = 1): ImageOps {
  return {
    decode: async () => ({ width: 4000, height: 3000, close: () => {} }),
    encode: async (_image, width, height, quality) =>
      bytesOf('jpeg', Math.round(width * height * quality * bytesPerPixel)),
  }
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  factory = new IDBFactory()
  db = openDb(factory, 'composer')
  await addConversation(db, { messages: [guestMessage('m1', 'Can we park?')] })
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  db.close()
})

describe('the composer', () => {
  it('saves the draft as you type and gives it back after a restart', async () => {
    const { composer } = await openComposer()
    composer.updateText('Dear Maria')
    composer.updateText('Dear Maria, yes')
    expect(await readDraft(db, 'c1')).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, DRAFT_SAVE_DELAY_MS + 100))
    await vi.waitFor(async () => expect((await readDraft(db, 'c1'))?.text).toBe('Dear Maria, yes'))
    db.close()

    const reopened = openDb(factory, 'composer')
    const again = await openComposer(reopened)
    expect(again.composer.text).toBe('Dear Maria, yes')
    db = reopened
  })

  it('keeps each conversation its own draft when switching', async () => {
    await addConversation(db, {
      conversationId: 'c2',
      messages: [guestMessage('x', 'Hi', T0, 'c2')],
    })
    const { composer, inbox } = await openComposer()
    composer.updateText('For Maria')
    inbox.selectConversation('c2')
    await vi.waitFor(() => expect(composer.ready).toBe(true))
    expect(composer.text).toBe('')
    inbox.selectConversation('c1')
    await vi.waitFor(() => expect(composer.text).toBe('For Maria'))
  })

  it('judges exactly the text that will be sent, and says until when a reply is possible', async () => {
    const { composer } = await openComposer()
    expect(codes(composer)).toEqual(['textEmpty', 'sendWindowOpenUntil'])
    composer.updateText('   \n ')
    expect(composer.canSend).toBe(false)
    composer.updateText('  Yes, the car park is free.  \n')
    expect(composer.outgoingText).toBe('Yes, the car park is free.')
    expect(composer.canSend).toBe(true)
    // Check-out 12 March 11:00 in Lisbon, plus seven days (rule 1).
    const open = composer.decision?.reasons.find((r) => r.code === 'sendWindowOpenUntil')
    expect(open?.values.until).toBe(Date.parse('2025-03-19T11:00:00Z'))
  })

  it('queues the message in the outbox before anything else, clears the draft and flushes', async () => {
    const { composer, flush } = await openComposer()
    composer.updateText('Yes, parking is free.')
    await composer.flushDraft()
    expect(await composer.send()).toBe(true)
    const record = (await outboxOf(db, 'c1')).find((r) => r.action.kind === 'send')
    expect(record).toMatchObject({
      state: 'queued',
      action: { kind: 'send', content: 'Yes, parking is free.', attachments: [] },
    })
    expect(await readDraft(db, 'c1')).toBeUndefined()
    expect(composer.text).toBe('')
    expect(flush).toHaveBeenCalled()
  })

  it('does not send what the policy blocks', async () => {
    db.close()
    db = openDb(new IDBFactory())
    await addConversation(db, {
      property: { links_disabled: true },
      messages: [guestMessage('m1', 'Where is it?')],
    })
    const { composer } = await openComposer()
    composer.updateText('See www.example.com/map')
    expect(codes(composer)).toContain('linksDisabled')
    expect(await composer.send()).toBe(false)
    expect((await outboxOf(db, 'c1')).filter((r) => r.action.kind === 'send')).toEqual([])
  })

  it('warns when another desk replied since the draft started, and lets the user choose', async () => {
    const { composer } = await openComposer()
    composer.updateText('Parking is free')
    await composer.flushDraft()
    await applyConversationUpdates(db, [
      { conversationId: 'c1', messages: [propertyMessage('other', 'Yes, €10 a day.', T0 + HOUR)] },
    ])
    await vi.waitFor(() => expect(composer.conflicts.map((m) => m.messageId)).toEqual(['other']))
    expect(composer.canSend).toBe(false)
    expect(await composer.send()).toBe(false)

    await composer.acknowledgeReplies()
    await vi.waitFor(() => expect(composer.hasConflict).toBe(false))
    expect(composer.text).toBe('Parking is free')

    await applyConversationUpdates(db, [
      {
        conversationId: 'c1',
        messages: [propertyMessage('again', 'Or the street.', T0 + 2 * HOUR)],
      },
    ])
    await vi.waitFor(() => expect(composer.hasConflict).toBe(true))
    expect(await composer.send({ despiteReplies: true })).toBe(true)
  })

  it('judges photos by their bytes: a PDF named .jpg is refused whatever its name', async () => {
    const { composer } = await openComposer()
    composer.updateText('Here is the map')
    await composer.addFiles([new File([bytesOf('pdf') as BlobPart], 'map.jpg')])
    const [photo] = composer.photos
    expect(photo).toMatchObject({ kind: 'pdf', type: null, previewUrl: null })
    expect(codes(composer)).toContain('attachmentNotImage')
    expect(composer.canSend).toBe(false)
    composer.removePhoto(photo!.id)
    expect(composer.canSend).toBe(true)
  })

  it('refuses photos without text (rule 4)', async () => {
    const { composer } = await openComposer()
    await composer.addFiles([new File([bytesOf('png') as BlobPart], 'room.png')])
    expect(codes(composer)).toContain('attachmentWithoutText')
    expect(composer.canSend).toBe(false)
  })

  it('shrinks a photo over 1 MB into a JPEG that fits, in one click', async () => {
    const { composer } = await openComposer()
    composer.setImageOps(fakeCanvas(0.5))
    composer.updateText('The entrance')
    await composer.addFiles([new File([bytesOf('png', 3 * 1024 * 1024) as BlobPart], 'door.PNG')])
    expect(codes(composer)).toContain('attachmentTooLarge')

    expect(await composer.shrinkPhoto(composer.photos[0]!.id)).toBe(true)
    const [photo] = composer.photos
    expect(photo).toMatchObject({
      fileName: 'door.jpg',
      type: 'image/jpeg',
      shrunkFrom: 3 * 1024 * 1024,
    })
    expect(photo!.bytes.byteLength).toBeLessThanOrEqual(1024 * 1024)
    expect(composer.canSend).toBe(true)
  })

  it('says so when a photo cannot be made small enough', async () => {
    const { composer } = await openComposer()
    composer.setImageOps(fakeCanvas(500))
    composer.updateText('Huge')
    await composer.addFiles([new File([bytesOf('jpeg', 2 * 1024 * 1024) as BlobPart], 'a.jpg')])
    expect(await composer.shrinkPhoto(composer.photos[0]!.id)).toBe(false)
    expect(composer.photos[0]).toMatchObject({ shrinkError: 'cannotFit', shrinking: false })
  })

  it('sends photos through the outbox with the type their bytes show', async () => {
    const { composer } = await openComposer()
    composer.updateText('Your room')
    await composer.addFiles([new File([bytesOf('png') as BlobPart], 'room.jpeg')])
    expect(await composer.send()).toBe(true)
    const send = (await outboxOf(db, 'c1')).find((r) => r.action.kind === 'send')
    expect(send?.action).toMatchObject({
      content: 'Your room',
      attachments: [{ fileName: 'room.jpeg', fileType: 'image/png', attachmentId: null }],
    })
    expect(composer.photos).toEqual([])
  })

  it('allows no photos in a booking request', async () => {
    db.close()
    db = openDb(new IDBFactory())
    await addConversation(db, {
      conversationType: 'request_to_book',
      messages: [guestMessage('m1', 'Is it free?')],
    })
    const { composer } = await openComposer()
    composer.updateText('Yes')
    await composer.addFiles([new File([bytesOf('jpeg') as BlobPart], 'a.jpg')])
    expect(codes(composer)).toContain('attachmentsInRequestToBook')
  })
})
