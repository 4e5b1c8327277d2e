import { mount } from '@vue/test-utils'
import I18NextVue from 'i18next-vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { expect, vi } from 'vitest'
import type { Component } from 'vue'
import type { InnboxDb } from '@/db'
import { i18next } from '@/i18n'
import { useConversationStore } from '@/stores/conversation'
import { useInboxStore } from '@/stores/inbox'
import { useSyncStore } from '@/stores/sync'

// Components of the conversation pane over a real (fake-indexeddb) store, with the inbox's
// selection and the bridge replaced (see fake-inbox.ts, fake-bridge.ts in the test files' mocks).

/** Opens `conversationId` on a desk whose store is `db`; resolves once it is on screen. */
export async function openDesk(db: InnboxDb | null, conversationId: string | null = 'c1') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const sync = useSyncStore()
  sync.db = db
  const flush = vi.spyOn(sync, 'flushOutbox').mockResolvedValue()
  useInboxStore().selectConversation(conversationId)
  const open = useConversationStore()
  if (db && conversationId) await vi.waitFor(() => expect(open.conversation).not.toBeNull())
  return { pinia, flush, open }
}

export function mountOn(pinia: Pinia, component: Component, props: Record<string, unknown> = {}) {
  return mount(component, {
    // Each test passes the props its component declares; checked by the component at runtime.
    props: props as never,
    attachTo: document.body,
    global: { plugins: [pinia, [I18NextVue, { i18next }]] },
  })
}
