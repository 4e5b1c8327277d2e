import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { IDBFactory } from 'fake-indexeddb'
import I18NextVue from 'i18next-vue'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { listTemplates, saveTemplate, type InnboxDb } from '@/db'
import { i18next, initI18n } from '@/i18n'
import { template } from '../../db/template-builders'
import { addConversation, openDb, T0 } from '../conversation/world'

vi.mock('@/bridge', () => import('../conversation/fake-bridge'))
vi.mock('@/stores/inbox', () => import('../conversation/fake-inbox'))
const { default: TemplateLibrary } = await import('@/features/templates/TemplateLibrary.vue')
const { useSyncStore } = await import('@/stores/sync')

// The Templates tab over a real (fake-indexeddb) store: a template with errors is saved as a
// draft and cannot be activated; a fixed one can; an import file with errors changes nothing.

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory(), 'library')
  await addConversation(db)
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
  db.close()
})

async function library() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSyncStore().db = db
  const wrapper = mount(TemplateLibrary, {
    attachTo: document.body,
    global: { plugins: [pinia, [I18NextVue, { i18next }]] },
  })
  await flushPromises()
  const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name)!
  const activeSwitch = () => wrapper.get('[role="switch"]')
  return { wrapper, button, activeSwitch }
}

describe('the template library', () => {
  it('keeps a template with errors from being activated, and saves it as a draft', async () => {
    await saveTemplate(
      db,
      template('t1', {
        name: 'Wi-Fi',
        active: false,
        variants: [{ language: 'en', body: 'Network {{wifi}}' }],
      }),
      T0,
    )
    const { wrapper, button, activeSwitch } = await library()
    await vi.waitFor(() => expect(wrapper.text()).toContain('Has errors'))
    await wrapper.findAll('.library__item')[0]!.trigger('click')
    expect(activeSwitch().attributes('aria-disabled')).toBe('true')
    expect(activeSwitch().attributes('aria-checked')).toBe('false')
    expect(wrapper.text()).toContain('This template has errors, so it cannot be activated.')
    await activeSwitch().trigger('click')
    expect(activeSwitch().attributes('aria-checked')).toBe('false')
    await button('Save template').trigger('click')
    await flushPromises()
    expect((await listTemplates(db))[0]?.active).toBe(false)

    // Fixed in place with the suggestion, it can be switched on and saved active.
    await button('Use {{facts.wifiNetwork}}').trigger('click')
    expect(activeSwitch().attributes('aria-disabled')).toBeUndefined()
    await activeSwitch().trigger('click')
    expect(activeSwitch().attributes('aria-checked')).toBe('true')
    await button('Save template').trigger('click')
    await vi.waitFor(async () =>
      expect((await listTemplates(db))[0]).toMatchObject({ active: true }),
    )
    expect((await listTemplates(db))[0]?.variants[0]?.body).toBe('Network {{facts.wifiNetwork}}')
  })

  it('makes a new template with two language versions, the first one the default', async () => {
    const { wrapper, button } = await library()
    await button('New template').trigger('click')
    await wrapper.get('#template-name').setValue('Parking')
    await wrapper.get('#template-body').setValue('Park behind the house.')
    await wrapper.get('#template-add-language').setValue('ru')
    const tabs = wrapper.findAll('[role="tab"]')
    expect(tabs.map((tab) => tab.text())).toEqual(['English Default', 'Russian'])
    expect(tabs[1]?.attributes('aria-selected')).toBe('true')
    await wrapper.get('#template-body').setValue('Парковка за домом.')
    await wrapper.get('[role="switch"]').trigger('click')
    await button('Save template').trigger('click')
    await vi.waitFor(async () => expect(await listTemplates(db)).toHaveLength(1))
    await flushPromises()
    // The editor stays on what was saved, on the same language, and says so.
    expect(wrapper.get('.editor__status').text()).toBe('Saved')
    expect(wrapper.findAll('[role="tab"]')[1]?.attributes('aria-selected')).toBe('true')
    expect((await listTemplates(db))[0]).toMatchObject({
      name: 'Parking',
      active: true,
      defaultLanguage: 'en',
      variants: [
        { language: 'en', body: 'Park behind the house.' },
        { language: 'ru', body: 'Парковка за домом.' },
      ],
    })
  })

  it('imports nothing from a file with errors, and lists each with where it is', async () => {
    const { wrapper } = await library()
    const input = wrapper.get<HTMLInputElement>('input[type="file"]')
    const file = new File(
      ['{"format":"innbox-templates","version":1,"templates":[{"id":"x"}]}'],
      't.json',
    )
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('The file was not imported, and nothing was changed.')
    expect(alert.text()).toContain('$.templates[0].name')
    expect(alert.text()).toContain('The field “name” is missing.')
    expect(await listTemplates(db)).toEqual([])
  })
})
