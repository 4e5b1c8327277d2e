import { mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import TemplateBodyEditor from '@/features/templates/TemplateBodyEditor.vue'
import { i18next, initI18n } from '@/i18n'
import { validateTemplate } from '@shared/templates'

// The body editor on its own: autocomplete after `{{` (keyboard first, announced as a
// listbox) and errors drawn and listed at their offsets.

beforeAll(async () => {
  await initI18n('en')
})

afterEach(() => {
  document.body.innerHTML = ''
})

function editor(initial: string) {
  const body = ref(initial)
  const Host = defineComponent(() => () => {
    const issues = validateTemplate({
      name: 'x',
      defaultLanguage: 'en',
      variants: [{ language: 'en', body: body.value }],
    }).filter((issue) => issue.start !== null)
    return h(TemplateBodyEditor, {
      id: 'body',
      label: 'Message in English',
      language: 'en',
      modelValue: body.value,
      issues,
      'onUpdate:modelValue': (value: string) => (body.value = value),
    })
  })
  const wrapper = mount(Host, {
    attachTo: document.body,
    global: { plugins: [[I18NextVue, { i18next }]] },
  })
  const textarea = wrapper.get<HTMLTextAreaElement>('textarea')
  /** Types `text` at the end, as a keyboard would: value, caret, input event. */
  const type = async (text: string) => {
    const element = textarea.element
    element.value = body.value + text
    element.setSelectionRange(element.value.length, element.value.length)
    await textarea.trigger('input')
  }
  const key = (name: string) => textarea.trigger('keydown', { key: name })
  return { wrapper, textarea, body, type, key }
}

describe('the template body editor', () => {
  it('offers the placeholders after {{ as a listbox, narrowed as the name is typed', async () => {
    const { wrapper, textarea, type } = editor('Hello ')
    await textarea.trigger('focus')
    await type('{{')
    const listbox = wrapper.get('[role="listbox"]')
    expect(listbox.attributes('aria-label')).toBe('Placeholders')
    expect(wrapper.findAll('[role="option"]').length).toBe(16)
    await type('first')
    const options = wrapper.findAll('[role="option"]')
    expect(options.map((o) => o.get('code').text())).toEqual(['{{guest.firstName}}'])
    expect(options[0]?.text()).toContain("The guest's first name")
    expect(textarea.attributes('aria-controls')).toBe(listbox.attributes('id'))
    expect(textarea.attributes('aria-activedescendant')).toBe(options[0]?.attributes('id'))
  })

  it('is driven by the keyboard: arrows choose, Enter inserts the placeholder, Escape closes', async () => {
    const { wrapper, textarea, type, key, body } = editor('Hi ')
    await textarea.trigger('focus')
    await type('{{guest')
    expect(wrapper.findAll('[role="option"]').map((o) => o.get('code').text())).toEqual([
      '{{guest.name}}',
      '{{guest.firstName}}',
    ])
    await key('ArrowDown')
    expect(wrapper.findAll('[role="option"]')[1]?.attributes('aria-selected')).toBe('true')
    await key('Enter')
    expect(body.value).toBe('Hi {{guest.firstName}}')
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false)

    await type(' {{')
    expect(wrapper.find('[role="listbox"]').exists()).toBe(true)
    await key('Escape')
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false)
    expect(body.value).toBe('Hi {{guest.firstName}} {{')
  })

  it('shows each error where it is, says what is wrong, and fixes a misspelt name in one click', async () => {
    const { wrapper, textarea } = editor('Dear {{guest.nmae}}, see you { soon')
    expect(textarea.attributes('aria-invalid')).toBe('true')
    const marked = wrapper.findAll('.segment--error').map((s) => s.text())
    expect(marked).toEqual(['{{guest.nmae}}', '{'])
    const issues = wrapper.findAll('.body-editor__issue')
    expect(issues[0]?.text()).toContain(
      '{{guest.nmae}} is not a placeholder Innbox knows. Did you mean {{guest.name}}?',
    )
    expect(issues[1]?.text()).toContain('A single { is not allowed here.')
    await issues[0]!.get('button').trigger('click')
    expect(wrapper.findAll('.segment--error').map((s) => s.text())).toEqual(['{'])
    expect(wrapper.findAll('.segment--placeholder').map((s) => s.text())).toEqual([
      '{{guest.name}}',
    ])
  })

  it('does not flag the {{ being typed while the list offers its name', async () => {
    const { wrapper, textarea, type } = editor('Hi ')
    await textarea.trigger('focus')
    await type('{{gu')
    expect(wrapper.find('.body-editor__issue').exists()).toBe(false)
    await textarea.trigger('blur')
    expect(wrapper.find('.body-editor__issue').text()).toContain('This placeholder is not closed.')
  })
})
