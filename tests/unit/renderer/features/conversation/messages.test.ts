import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  enqueueSend,
  markFailed,
  markSending,
  timelineOf,
  type InnboxDb,
  type TimelineItem,
} from '@/db'
import type { MessageTime } from '@/features/conversation/format'
import MessageItem from '@/features/conversation/MessageItem.vue'
import { initI18n } from '@/i18n'
import type { Message } from '@shared/platform'
import { reason } from '@shared/policy'
import { hostileTexts } from './hostile-texts'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, message, openDb, propertyMessage, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

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

const sent = (m: Message): TimelineItem => ({
  kind: 'message',
  state: 'sent',
  at: Date.parse(m.timestamp),
  message: {
    messageId: m.message_id,
    conversationId: 'c1',
    timestamp: Date.parse(m.timestamp),
    sender: m.sender.metadata.participant_type,
    read: 1,
    provisional: 0,
    message: m,
  },
})

async function render(item: TimelineItem, extra: Partial<{ time: MessageTime }> = {}) {
  const { pinia, open } = await openDesk(db)
  const wrapper = mountOn(pinia, MessageItem, {
    item,
    time,
    guestName: 'Maria Silva',
    propertyName: 'Casa do Limoeiro',
    guestLanguage: 'pt',
    propertyZone: 'Europe/Lisbon',
    ...extra,
  })
  return { wrapper, open }
}

async function outboxItem(
  state: 'queued' | 'failed' | 'sending',
  failure?: { code: string; reasons?: ReturnType<typeof reason>[] },
) {
  const record = await enqueueSend(db, { ...target, content: 'Our reply' }, { now: T0 })
  if (state !== 'queued') await markSending(db, record.id, T0)
  if (state === 'failed')
    await markFailed(db, record.id, {
      now: T0,
      failure: {
        code: failure?.code ?? 'platform_refused',
        message: 'no',
        reasons: failure?.reasons ?? [],
      },
    })
  const items = await timelineOf(db, 'c1')
  return items.find((i) => i.kind === 'outbox')!
}

const buttons = (wrapper: Awaited<ReturnType<typeof render>>['wrapper']) =>
  wrapper.findAll('button').map((b) => b.text())

describe('a message', () => {
  it.each(hostileTexts)('shows the guest text "$name" inert', async ({ text }) => {
    const { wrapper } = await render(sent(guestMessage('h', text)))
    const body = wrapper.get('.guest-text__body')
    expect(body.element.children).toHaveLength(0)
    expect(
      wrapper.findAll('script, img, a, iframe, svg, math, style, table, object, embed'),
    ).toHaveLength(0)
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
    expect(wrapper.get('.message__sender').text()).toBe('Maria Silva')
  })

  it('names the sender: the guest, the property, or an automatic template', async () => {
    const template = {
      ...propertyMessage('t', 'Check-in is from 15:00'),
      message_type: 'automatically_sent_template',
    }
    const { wrapper } = await render(sent(template))
    expect(wrapper.get('.message__sender').text()).toBe('Automatic message')
    expect(wrapper.text()).toContain('Sent automatically from a template')
    const ours = (await render(sent(propertyMessage('p', 'Welcome')))).wrapper
    expect(ours.get('.message__sender').text()).toBe('Casa do Limoeiro')
  })

  it("shows the property's clock beside the desk's when they differ", async () => {
    const { wrapper } = await render(sent(guestMessage('g', 'Hi')), {
      time: { desk: '10:00', property: '11:00', full: 'Saturday 1 March', day: '2025-03-01' },
    })
    expect(wrapper.get('time').text()).toBe('10:00')
    expect(wrapper.get('time').attributes('title')).toBe('Saturday 1 March')
    expect(wrapper.text()).toContain('11:00 property time')
  })

  it('says "Sent" for our messages and offers no way to edit or delete them (rule 7)', async () => {
    const { wrapper } = await render(sent(propertyMessage('p', 'Welcome')))
    expect(wrapper.get('.delivery').text()).toBe('Sent')
    // Reading it in another language is all one can do with it.
    expect(buttons(wrapper)).toEqual(['Show translation'])
  })

  it('gives no delivery state to a guest message', async () => {
    const { wrapper } = await render(sent(guestMessage('g', 'Hi')))
    expect(wrapper.find('.delivery').exists()).toBe(false)
  })

  it('says "Queued" with only Cancel, and the reason of the last attempt', async () => {
    const item = await outboxItem('queued')
    if (item.kind === 'outbox') item.record.lastError = { code: 'offline', message: 'down' }
    const { wrapper, open } = await render(item)
    expect(wrapper.get('.delivery').text()).toBe('Queued')
    expect(wrapper.text()).toContain(
      "Last attempt: The booking platform can't be reached. Check the internet connection.",
    )
    expect(buttons(wrapper)).toEqual(['Cancel'])
    const cancel = vi.spyOn(open, 'cancel').mockResolvedValue(null)
    await wrapper.get('button').trigger('click')
    expect(cancel).toHaveBeenCalled()
  })

  it('says "Sending" and offers nothing while it is in flight', async () => {
    const { wrapper } = await render(await outboxItem('sending'))
    expect(wrapper.get('.delivery').text()).toBe('Sending')
    expect(buttons(wrapper)).toEqual([])
  })

  it('says "Failed" with the policy reason, and offers Retry, Edit and Cancel', async () => {
    const item = await outboxItem('failed', {
      code: 'policy_refused',
      reasons: [reason('linksDisabled', { count: 1 })],
    })
    const { wrapper, open } = await render(item)
    expect(wrapper.get('.delivery').text()).toBe('Failed')
    expect(wrapper.get('.message__failure').text()).toBe(
      'This message contains a link, and the platform has switched off links for this property. Remove it to send.',
    )
    expect(buttons(wrapper)).toEqual(['Retry', 'Edit', 'Cancel'])
    const retry = vi.spyOn(open, 'retry').mockResolvedValue(null)
    await wrapper.get('button').trigger('click')
    expect(retry).toHaveBeenCalled()
  })

  it("explains a failure in the bridge's words when the policy gave no reason", async () => {
    const item = await outboxItem('failed', { code: 'platform_refused' })
    expect((await render(item)).wrapper.get('.message__failure').text()).toBe(
      'The booking platform refused this request.',
    )
    const odd = await outboxItem('failed', { code: 'something_new' })
    expect((await render(odd)).wrapper.get('.message__failure').text()).toBe(
      'The booking platform refused this request.',
    )
  })

  it('offers only Cancel once the conversation has expired', async () => {
    const item = await outboxItem('failed', { code: 'expired' })
    const { wrapper } = await render(item)
    expect(wrapper.get('.message__failure').text()).toContain('more than a year old')
    expect(buttons(wrapper)).toEqual(['Cancel'])
  })

  it('edits a failed message and retries it, judged by the same rules as the composer', async () => {
    const item = await outboxItem('failed', { code: 'platform_refused' })
    const { wrapper, open } = await render(item)
    const editAndRetry = vi.spyOn(open, 'editAndRetry').mockResolvedValue(null)
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Edit')!
      .trigger('click')
    const editor = wrapper.get<HTMLTextAreaElement>('textarea')
    expect(editor.element.value).toBe('Our reply')
    expect(wrapper.get(`label[for="${editor.attributes('id')}"]`).text()).toBe('Corrected text')

    await editor.setValue('   ')
    const save = () => wrapper.findAll('button').find((b) => b.text() === 'Save and retry')!
    expect(save().attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('Write a message first.')

    await editor.setValue('  Our corrected reply ')
    expect(save().attributes('disabled')).toBeUndefined()
    await wrapper.get('form').trigger('submit')
    expect(editAndRetry).toHaveBeenCalledWith(
      expect.objectContaining({ id: item.kind === 'outbox' ? item.record.id : '' }),
      'Our corrected reply',
    )
  })

  it('shows its photos as buttons that open them large', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:room')
    const { attachmentsGet } = await import('./fake-bridge')
    attachmentsGet.mockResolvedValue({
      ok: true,
      value: {
        metadata: {
          attachment_id: 'a1',
          file_name: 'room.jpg',
          file_type: 'image/jpeg',
          file_size: 4,
        },
        bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
      },
    })
    const withPhoto = message({
      id: 'm',
      conversationId: 'c1',
      attachmentIds: ['a1'],
      content: 'Look',
    })
    const { wrapper } = await render(sent(withPhoto))
    await vi.waitFor(() =>
      expect(wrapper.find('button[aria-label="Open photo room.jpg"]').exists()).toBe(true),
    )
    const thumb = wrapper.get('button[aria-label="Open photo room.jpg"]')
    expect(thumb.get('img').attributes('src')).toBe('blob:room')
    await thumb.trigger('click')
    const dialog = wrapper.get('dialog')
    expect(dialog.attributes('aria-label')).toBe('Photo room.jpg')
    expect(dialog.get('img').attributes('alt')).toBe('room.jpg')
    await dialog.trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('dialog').exists()).toBe(false)
  })
})
