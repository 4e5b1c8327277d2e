import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { outboxOf, saveTemplate, type InnboxDb } from '@/db'
import ComposerBox from '@/features/conversation/ComposerBox.vue'
import { initI18n } from '@/i18n'
import { useComposerStore } from '@/stores/composer'
import { template } from '../../db/template-builders'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, openDb, T0 } from './world'

vi.mock('@/bridge', () => import('./fake-bridge'))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

// The composer's template picker for Maria Silva (Portuguese, at p1): keyboard first, the
// variant in her language, and a placeholder without a value that keeps Send off.

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
  await addConversation(db, { messages: [guestMessage('m1', 'Posso estacionar?')] })
  await saveTemplate(
    db,
    template('t-parking', {
      name: 'Parking',
      topic: 'parking',
      variants: [
        { language: 'en', body: 'Hello {{guest.firstName}}, you can park at {{facts.parking}}.' },
        { language: 'pt', body: 'Olá {{guest.firstName}}, pode estacionar em {{facts.parking}}.' },
      ],
    }),
    T0,
  )
  await saveTemplate(db, template('t-elsewhere', { name: 'Other hotel', propertyIds: ['p9'] }), T0)
  await saveTemplate(db, template('t-off', { name: 'Switched off', active: false }), T0)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
})

async function composerWithPicker() {
  const { pinia } = await openDesk(db)
  const wrapper = mountOn(pinia, ComposerBox)
  const composer = useComposerStore()
  await vi.waitFor(() => expect(composer.ready).toBe(true))
  const send = () => wrapper.findAll('button').find((b) => b.text() === 'Send')!
  const toggle = () => wrapper.findAll('button').find((b) => b.text() === 'Templates')!
  return { wrapper, composer, send, toggle }
}

describe('the template picker in the composer', () => {
  it('offers the active templates of this property, searched by name or topic', async () => {
    const { wrapper, toggle } = await composerWithPicker()
    await toggle().trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(1))
    const search = wrapper.get('#template-search')
    expect(document.activeElement).toBe(search.element)
    expect(search.attributes('role')).toBe('combobox')
    expect(wrapper.get('[role="option"]').text()).toContain('Parking')
    await search.setValue('wifi')
    expect(wrapper.findAll('[role="option"]')).toHaveLength(0)
    expect(wrapper.text()).toContain('No template matches.')
    await search.setValue('PARK')
    expect(wrapper.findAll('[role="option"]')).toHaveLength(1)
    await search.trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('#template-search').exists()).toBe(false)
    expect(toggle().attributes('aria-expanded')).toBe('false')
  })

  it('inserts the guest’s language and keeps Send off until the missing value is filled', async () => {
    const { wrapper, composer, send, toggle } = await composerWithPicker()
    await toggle().trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(1))
    await wrapper.get('#template-search').trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(composer.text).toContain('Olá Maria'))
    await flushPromises()
    const textbox = wrapper.get<HTMLTextAreaElement>('#composer-text')
    expect(textbox.element.value).toBe('Olá Maria, pode estacionar em {{facts.parking}}.')
    // The gap is marked where it is, named, and selected so typing replaces it.
    expect(wrapper.get('.highlights__mark').text()).toBe('{{facts.parking}}')
    expect(wrapper.text()).toContain(
      '1 placeholder has no value for this guest. Replace it before sending.',
    )
    expect(textbox.element.selectionStart).toBe(30)
    expect(textbox.element.selectionEnd).toBe(47)
    expect(send().attributes('disabled')).toBeDefined()
    await send().trigger('click')
    expect(await outboxOf(db, 'c1')).toEqual([])

    await textbox.setValue('Olá Maria, pode estacionar em frente à casa.')
    await flushPromises()
    expect(wrapper.find('.highlights__mark').exists()).toBe(false)
    expect(send().attributes('disabled')).toBeUndefined()
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await outboxOf(db, 'c1')).toHaveLength(1))
    expect((await outboxOf(db, 'c1'))[0]).toMatchObject({
      action: { content: 'Olá Maria, pode estacionar em frente à casa.' },
      origin: { templateName: 'Parking', ruleId: null },
    })
  })

  it('says so when the guest’s language has no version and the default was used', async () => {
    await saveTemplate(
      db,
      template('t-parking', {
        name: 'Parking',
        variants: [{ language: 'en', body: 'Hello {{guest.firstName}}.' }],
      }),
      T0,
    )
    const { wrapper, composer, toggle } = await composerWithPicker()
    await toggle().trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[role="option"]')).toHaveLength(1))
    await wrapper.get('[role="option"]').trigger('mousedown')
    await vi.waitFor(() => expect(composer.text).toBe('Hello Maria.'))
    await flushPromises()
    expect(wrapper.text()).toContain(
      'This template has no version in Portuguese, so the English version was inserted.',
    )
  })
})
