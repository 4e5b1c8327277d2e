import { mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { beforeAll, describe, expect, it } from 'vitest'
import GuestText from '@/features/conversation/GuestText.vue'
import { displayText } from '@/features/conversation/displayText'
import { i18next, initI18n } from '@/i18n'
import { hostileTexts } from './hostile-texts'

beforeAll(async () => {
  await initI18n('en')
})

const render = (text: string) =>
  mount(GuestText, { props: { text }, global: { plugins: [[I18NextVue, { i18next }]] } })

describe('guest text', () => {
  it.each(hostileTexts)('shows "$name" as inert text', ({ text }) => {
    const wrapper = render(text)
    const body = wrapper.get('.guest-text__body')
    // Nothing but the paragraph itself: no element came out of the guest's text.
    expect(body.element.children).toHaveLength(0)
    expect(wrapper.findAll('script, img, a, iframe, svg, math, style, table')).toHaveLength(0)
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
    // Text that needs no display cleaning and no collapsing is shown exactly, character for character.
    if (displayText(text) === text && text.length < 1_500) expect(body.text()).toBe(text.trim())
  })

  it('keeps markup visible as characters', () => {
    expect(render('<b>late</b> arrival').get('.guest-text__body').text()).toBe(
      '<b>late</b> arrival',
    )
  })

  it('drops bidi overrides so a file name cannot be disguised', () => {
    expect(displayText('photo\u202Egpj.exe')).toBe('photogpj.exe')
    expect(displayText('\u2067مرحبا\u2069 ok')).toBe('\u2067مرحبا\u2069 ok')
  })

  it('cuts zalgo stacks but leaves Thai and Arabic marks alone', () => {
    const zalgo = 'e' + '\u0301'.repeat(30)
    expect(displayText(zalgo)).toBe('e' + '\u0301'.repeat(3))
    expect(displayText('สวัสดีครับ ที่จอดรถอยู่ที่ไหน')).toBe('สวัสดีครับ ที่จอดรถอยู่ที่ไหน')
    expect(displayText('مَرْحَبًا بِكُمْ')).toBe('مَرْحَبًا بِكُمْ')
  })

  it('collapses a 50 KB message and expands it on request', async () => {
    const text = 'Bonjour, '.repeat(6_000)
    const wrapper = render(text)
    expect(wrapper.get('.guest-text__body').text().length).toBeLessThan(2_000)
    const toggle = wrapper.get('button')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(wrapper.get('.guest-text__body').text()).toBe(text.trim())
    expect(wrapper.get('button').text()).toBe('Show less')
  })
})
