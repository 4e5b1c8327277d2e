import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyConversationUpdates, outboxOf, type InnboxDb } from '@/db'
import ComposerBox from '@/features/conversation/ComposerBox.vue'
import ConversationView from '@/features/conversation/ConversationView.vue'
import { initI18n } from '@/i18n'
import { useComposerStore } from '@/stores/composer'
import { mountOn, openDesk } from './mount'
import {
  addConversation,
  bytesOf,
  guestMessage,
  HOUR,
  openDb,
  propertyMessage,
  T0,
  type WorldOptions,
} from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  db = openDb(new IDBFactory())
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
})

async function composerFor(world: WorldOptions = {}) {
  await addConversation(db, { messages: [guestMessage('m1', 'Can we park?')], ...world })
  const { pinia, flush } = await openDesk(db)
  const wrapper = mountOn(pinia, ComposerBox)
  const composer = useComposerStore()
  await vi.waitFor(() => expect(composer.ready).toBe(true))
  const textbox = wrapper.get<HTMLTextAreaElement>('#composer-text')
  const type = async (text: string) => {
    await textbox.setValue(text)
    await flushPromises()
  }
  const send = () => wrapper.findAll('button').find((b) => b.text() === 'Send')!
  const reasons = (group: 'block' | 'warn' | 'quiet') =>
    wrapper.findAll(`.policy__group--${group} li`).map((li) => li.text())
  return { wrapper, composer, textbox, type, send, reasons, flush }
}

describe("the composer's accessible names", () => {
  it('has the textbox "Message" and the buttons "Attach photos" and "Send"', async () => {
    const { wrapper, textbox } = await composerFor()
    expect(wrapper.get(`label[for="composer-text"]`).text()).toBe('Message')
    expect(textbox.attributes('aria-describedby')).toBe('composer-feedback')
    const names = wrapper.findAll('button').map((b) => b.text())
    expect(names).toEqual(expect.arrayContaining(['Attach photos', 'Send']))
  })
})

describe("the composer's policy feedback, before sending", () => {
  it('says quietly that there is nothing to send yet, and until when a reply is possible', async () => {
    const { wrapper, send, reasons } = await composerFor()
    expect(send().attributes('disabled')).toBeDefined()
    expect(reasons('quiet')).toEqual(['Write a message first.'])
    const window = wrapper.get('.window')
    expect(window.text()).toContain('You can message this guest until Mar 19, 2025, 11:00 AM.')
    expect(window.text()).toContain('Closes in 18 days')
    expect(window.classes()).not.toContain('window--urgent')
  })

  it("gives the window's end in the property's zone and names the zone when the desk's differs", async () => {
    const { wrapper } = await composerFor({ property: { time_zone: 'Asia/Bangkok' } })
    expect(wrapper.get('.window').text()).toContain('until Mar 19, 2025, 11:00 AM')
    expect(wrapper.get('.window__zone').text()).toBe('Times in Indochina Time')
  })

  it('counts down in hours on the last day, marked urgent', async () => {
    const { wrapper } = await composerFor({
      reservation: { checkin: '2025-02-18', checkout: '2025-02-22' },
      messages: [guestMessage('m1', 'Thanks!', T0 - 14 * 24 * HOUR + 5 * HOUR)],
    })
    expect(wrapper.get('.window').text()).toContain('Closes in 5 hours')
    expect(wrapper.get('.window').classes()).toContain('window--urgent')
  })

  it('blocks Send when the messaging window has closed', async () => {
    const { type, send, reasons } = await composerFor({
      reservation: {
        checkin: '2025-01-10',
        checkout: '2025-01-12',
        booked_at: '2024-12-01T10:00:00.000Z',
      },
      messages: [guestMessage('m1', 'Thanks', Date.parse('2025-01-12T08:00:00Z'))],
    })
    await type('Hope you enjoyed your stay')
    expect(reasons('block')).toEqual([
      'The messaging window closed on Jan 26, 2025, 8:00 AM. You can write again only if the guest sends a message.',
    ])
    expect(send().attributes('disabled')).toBeDefined()
  })

  it('blocks a message over the length limit and says by how much', async () => {
    const { type, send, reasons } = await composerFor()
    await type('a'.repeat(5_001))
    expect(reasons('block')).toEqual(['The message is 1 character over the limit of 5,000.'])
    expect(send().attributes('disabled')).toBeDefined()
    await type('a'.repeat(5_000))
    expect(send().attributes('disabled')).toBeUndefined()
  })

  it('blocks photos without text', async () => {
    const { composer, wrapper, reasons } = await composerFor()
    await composer.addFiles([new File([bytesOf('png') as BlobPart], 'room.png')])
    await flushPromises()
    expect(reasons('block')).toContain('Add some text: images cannot be sent without a message.')
    expect(wrapper.get('.attachment__name').text()).toBe('room.png')
  })

  it('blocks links when the platform switched them off, and lists the links to remove', async () => {
    const { type, send, reasons, wrapper } = await composerFor({
      property: { links_disabled: true },
    })
    await type('The map: www.maps.example/casa and https://pay.example')
    expect(reasons('block')[0]).toMatch(
      /^This message contains 2 links, and the platform has switched off links/,
    )
    expect(wrapper.findAll('.policy__group--block .chip').map((c) => c.text())).toEqual([
      'www.maps.example/casa',
      'https://pay.example',
    ])
    expect(send().attributes('disabled')).toBeDefined()
  })

  it('warns which links the platform will remove, and still allows sending', async () => {
    const { type, send, reasons, wrapper } = await composerFor({
      property: { approved_links: ['https://casa.example'] },
    })
    await type('Book at https://casa.example/rooms or https://elsewhere.example')
    expect(reasons('warn')[0]).toMatch(/^The platform will remove this link because it is not on/)
    expect(wrapper.get('.policy__group--warn').text()).toContain('Links the platform will remove:')
    expect(wrapper.findAll('.policy__group--warn .chip').map((c) => c.text())).toEqual([
      'https://elsewhere.example',
    ])
    expect(send().attributes('disabled')).toBeUndefined()
  })

  it('warns about contact details and shows what it found', async () => {
    const { type, reasons, wrapper } = await composerFor()
    await type('Write to reception@casa.example or call +351 912 345 678')
    expect(reasons('warn')).toEqual([
      expect.stringContaining('This message contains an e-mail address.'),
      expect.stringContaining('This message contains a phone number.'),
    ])
    expect(wrapper.findAll('.policy__group--warn .chip').map((c) => c.text())).toEqual([
      'reception@casa.example',
      '+351 912 345 678',
    ])
  })

  it('blocks contact details in a booking request, where photos cannot be attached either', async () => {
    const { type, reasons, wrapper } = await composerFor({ conversationType: 'request_to_book' })
    await type('Mail me at maria@example.org')
    expect(reasons('block')[0]).toMatch(/^Contact details cannot be shared in a booking request/)
    const attach = wrapper.findAll('button').find((b) => b.text() === 'Attach photos')!
    expect(attach.attributes('disabled')).toBeDefined()
  })

  it('notes self-service requests that must be answered in the extranet', async () => {
    const request = {
      ...guestMessage('s', 'Change my dates'),
      message_type: 'self_service_event',
      attributes: { self_service_topic: 'change_dates_nr' },
    }
    const { wrapper } = await composerFor({ messages: [request] })
    expect(wrapper.get('[data-reason="answerInExtranetDateChange"]').text()).toContain(
      "answer it in the platform's extranet",
    )
  })
})

describe('sending from the composer', () => {
  it('sends with Ctrl+Enter (Cmd+Enter on a Mac), not with Enter alone', async () => {
    const { textbox, type, flush } = await composerFor()
    await type('Yes, free parking.')
    await textbox.trigger('keydown', { key: 'Enter' })
    expect((await outboxOf(db, 'c1')).map((r) => r.action.kind)).not.toContain('send')
    await textbox.trigger('keydown', { key: 'Enter', ctrlKey: true })
    await vi.waitFor(async () =>
      expect((await outboxOf(db, 'c1')).map((r) => r.action.kind)).toContain('send'),
    )
    expect(textbox.element.value).toBe('')
    expect(flush).toHaveBeenCalled()
  })

  it('asks before sending when another desk replied meanwhile', async () => {
    const { type, send, wrapper, composer } = await composerFor()
    await type('Parking is free')
    await composer.flushDraft()
    await applyConversationUpdates(db, [
      { conversationId: 'c1', messages: [propertyMessage('o', 'It costs €10.', T0 + HOUR)] },
    ])
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('Someone else replied while you were writing')
    expect(alert.text()).toContain('It costs €10.')
    expect(send().attributes('disabled')).toBeDefined()
    await alert
      .findAll('button')
      .find((b) => b.text() === 'Send anyway')!
      .trigger('click')
    await vi.waitFor(async () =>
      expect((await outboxOf(db, 'c1')).map((r) => r.action.kind)).toContain('send'),
    )
  })
})

describe("the composer's photos, checked by their bytes", () => {
  it('names what a renamed file really is', async () => {
    const { composer, wrapper } = await composerFor()
    await composer.addFiles([
      new File([bytesOf('pdf') as BlobPart], 'invoice.jpg'),
      new File([new TextEncoder().encode('GIF89a......') as BlobPart], 'smile.png'),
    ])
    await flushPromises()
    const statuses = wrapper.findAll('.attachment__status').map((s) => s.text())
    expect(statuses).toEqual([
      '“invoice.jpg” is really a PDF document. Only JPEG and PNG photos can be sent.',
      '“smile.png” is really a GIF image. Only JPEG and PNG photos can be sent.',
    ])
    await wrapper.get('button[aria-label="Remove invoice.jpg"]').trigger('click')
    expect(wrapper.findAll('.attachment')).toHaveLength(1)
  })

  it('offers a one-click shrink for a photo over 1 MB', async () => {
    const { composer, wrapper, type, send } = await composerFor()
    composer.setImageOps({
      decode: async () => ({ width: 3000, height: 2000, close: () => {} }),
      encode: async (_i, w, h, q) => bytesOf('jpeg', Math.round(w * h * q * 0.4)),
    })
    await type('The door code is on this photo')
    await composer.addFiles([new File([bytesOf('png', 3 * 1024 * 1024) as BlobPart], 'door.png')])
    await flushPromises()
    expect(wrapper.get('.attachment__status').text()).toBe('3 MB: over the 1 MB limit.')
    expect(send().attributes('disabled')).toBeDefined()
    await wrapper.get('.attachment__shrink').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('.attachment__name').text()).toBe('door.jpg'))
    expect(wrapper.get('.attachment__status').text()).toMatch(/^Shrunk from 3 MB to \d+ kB$/)
    expect(send().attributes('disabled')).toBeUndefined()
  })

  it('takes photos dropped anywhere on the conversation', async () => {
    await addConversation(db, { messages: [guestMessage('m1', 'Hi')] })
    const { pinia } = await openDesk(db)
    const wrapper = mountOn(pinia, ConversationView)
    const composer = useComposerStore()
    await vi.waitFor(() => expect(composer.ready).toBe(true))
    const files = [new File([bytesOf('jpeg') as BlobPart], 'pool.jpg')]
    await wrapper
      .get('.conversation')
      .trigger('drop', { dataTransfer: { files, types: ['Files'] } })
    await vi.waitFor(() => expect(composer.photos.map((p) => p.fileName)).toEqual(['pool.jpg']))
  })
})
