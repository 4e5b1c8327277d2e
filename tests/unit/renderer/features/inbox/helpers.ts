import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Component } from 'vue'
import { i18next } from '@/i18n'

/** Mounts a component of the inbox with i18n and the given (active) Pinia. */
export function mountWith<T extends Component>(
  component: T,
  pinia: Pinia,
  options: ComponentMountingOptions<T> = {},
) {
  return mount(component, {
    ...options,
    attachTo: document.body,
    global: { plugins: [pinia, [I18NextVue, { i18next }]], ...options.global },
  } as ComponentMountingOptions<T>)
}

export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}
