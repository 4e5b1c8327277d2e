import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { outboxOf, type InnboxDb } from '@/db'
import ComposerBox from '@/features/conversation/ComposerBox.vue'
import { initI18n } from '@/i18n'
import { useComposerStore } from '@/stores/composer'
import { useSettingsStore } from '@/stores/settings'
import { useTranslationStore } from '@/stores/translation'
import { useReplyTranslationStore } from '@/stores/translation-reply'
import { useTranslationServiceStore } from '@/stores/translation-service'
import type { BridgeResult } from '@shared/bridge/result'
import type { TranslateResult } from '@shared/bridge/translation-schemas'
import { mountOn, openDesk } from './mount'
import { addConversation, guestMessage, openDb, T0 } from './world'

// Writing a reply in the staff's language: the translation goes into the Message box, which
// is what the policy judges and Send sends; hand edits are kept; offline it waits without
// holding Send; a back-translation checks the meaning.

const bridge = vi.hoisted(() => ({ translate: vi.fn() }))

vi.mock('@/bridge', () => ({
  desk: {
    translation: {
      translate: bridge.translate,
      status: async () => ({
        ok: true,
        value: {
          kind: 'deepl',
          baseUrl: null,
          hasKey: true,
          recipient: 'api-free.deepl.com',
          providerId: 'deepl:api-free.deepl.com',
        },
      }),
    },
    settings: { get: vi.fn(), update: vi.fn() },
    attachments: { get: vi.fn() },
    on: () => () => {},
  },
}))
vi.mock('@/stores/inbox', () => import('./fake-inbox'))

type Args = { texts: string[]; source: string | null; target: string }
const answering = async ({ texts, target }: Args): Promise<BridgeResult<TranslateResult>> => ({
  ok: true,
  value: {
    providerId: 'deepl:api-free.deepl.com',
    translations: texts.map((text) => ({ text: `[${target}] ${text}`, detectedSource: null })),
  },
})
const offline = async (): Promise<BridgeResult<TranslateResult>> => ({
  ok: false,
  error: { code: 'offline', message: 'x', details: { translation: { code: 'offline' } } },
})

let db: InnboxDb

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  db = openDb(new IDBFactory())
  bridge.translate.mockReset()
  bridge.translate.mockImplementation(answering)
})

afterEach(() => {
  // Nothing of this test's desk may go on translating into the next test.
  useReplyTranslationStore().$dispose()
  useTranslationStore().$dispose()
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
  db.close()
})

async function replying() {
  // The booking says the guest speaks Portuguese (world.ts).
  await addConversation(db, { messages: [guestMessage('m1', 'Olá! Há estacionamento no hotel?')] })
  const { pinia } = await openDesk(db)
  useSettingsStore().snapshot = { values: { language: 'en' }, recovery: null }
  const service = useTranslationServiceStore()
  await vi.waitFor(() => expect(service.configured).toBe(true))
  const composer = useComposerStore()
  await vi.waitFor(() => expect(composer.ready).toBe(true))
  const reply = useReplyTranslationStore()
  reply.setEnabled(true)
  expect(reply.active).toBe(true)
  return { pinia, composer, reply }
}

describe('a reply written in the staff language', () => {
  it('is translated into the booking language once the typing pauses; Send waits for it', async () => {
    const { composer, reply } = await replying()
    expect(reply.target).toBe('pt')
    reply.setOwn('Yes, parking is free.')
    // Typing just paused: Send waits for the translation rather than send an older one.
    expect(composer.held).toBe(true)
    await vi.waitFor(() => expect(composer.text).toBe('[pt] Yes, parking is free.'), {
      timeout: 3_000,
    })
    expect(bridge.translate).toHaveBeenCalledWith({
      texts: ['Yes, parking is free.'],
      source: 'en',
      target: 'pt',
    })
    expect(composer.held).toBe(false)
    expect(composer.canSend).toBe(true)
  })

  it('sends exactly the translated text, judged by the policy as it is sent', async () => {
    const { composer, reply } = await replying()
    reply.setOwn('Write to me at anna@example.com')
    await reply.translateNow()
    expect(composer.outgoingText).toBe('[pt] Write to me at anna@example.com')
    // The policy sees the contact details in the text that will leave.
    const codes = composer.decision?.reasons.map((reason) => reason.code) ?? []
    expect(codes.some((code) => /contact|email/i.test(code))).toBe(true)
    expect(await composer.send()).toBe(true)
    const [queued] = await outboxOf(db, 'c1')
    expect(queued?.action).toMatchObject({ content: '[pt] Write to me at anna@example.com' })
    // Both sides start empty for the next message.
    expect(reply.own).toBe('')
    expect(composer.text).toBe('')
  })

  it('keeps a translation edited by hand until asked to translate again', async () => {
    const { composer, reply } = await replying()
    reply.setOwn('See you tomorrow.')
    await reply.translateNow()
    composer.updateText('Até amanhã!')
    expect(reply.guestEdited).toBe(true)
    reply.setOwn('See you tomorrow morning.')
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(composer.text).toBe('Até amanhã!')
    expect(reply.outdated).toBe(true)
    expect(composer.held).toBe(false)
    await reply.translateNow()
    expect(composer.text).toBe('[pt] See you tomorrow morning.')
    expect(reply.guestEdited).toBe(false)
  })

  it('waits offline without holding Send, and translates when the network returns', async () => {
    bridge.translate.mockImplementation(offline)
    const { composer, reply } = await replying()
    composer.updateText('Sim, temos estacionamento.')
    reply.setOwn('Yes, we have parking.')
    await reply.translateNow()
    expect(reply.step).toMatchObject({ status: 'queued', reason: 'offline' })
    expect(composer.held).toBe(false)
    expect(composer.canSend).toBe(true)
    bridge.translate.mockImplementation(answering)
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(composer.text).toBe('[pt] Yes, we have parking.'))
    expect(reply.step).toEqual({ status: 'idle' })
  })

  it('says why it failed and never empties what the Message box holds', async () => {
    bridge.translate.mockResolvedValue({
      ok: false,
      error: {
        code: 'platform_refused',
        message: 'x',
        details: { translation: { code: 'quota_exhausted' } },
      },
    })
    const { composer, reply } = await replying()
    composer.updateText('Olá!')
    reply.setOwn('Hello!')
    await reply.translateNow()
    expect(reply.step).toEqual({ status: 'failed', failure: { code: 'quota_exhausted' } })
    expect(composer.text).toBe('Olá!')
    expect(composer.canSend).toBe(true)
  })

  it('translates again into a language chosen by hand', async () => {
    const { composer, reply } = await replying()
    reply.setOwn('Welcome!')
    await reply.translateNow()
    reply.chooseTarget('es')
    await vi.waitFor(() => expect(composer.text).toBe('[es] Welcome!'))
  })

  it('translates the Message box back into the staff language to check the meaning', async () => {
    const { composer, reply } = await replying()
    reply.setOwn('The room is ready.')
    await reply.translateNow()
    reply.setBackEnabled(true)
    await vi.waitFor(() =>
      expect(reply.back).toEqual({
        of: '[pt] The room is ready.',
        text: '[en] [pt] The room is ready.',
      }),
    )
    expect(bridge.translate).toHaveBeenLastCalledWith({
      texts: ['[pt] The room is ready.'],
      source: 'pt',
      target: 'en',
    })
    expect(composer.held).toBe(false)
  })

  it('is not offered when the guest writes in the staff language', async () => {
    const { reply } = await replying()
    reply.chooseTarget('en')
    expect(reply.active).toBe(false)
  })
})

describe('the reply translator in the composer', () => {
  it('puts the translation into the Message box, which Send sends', async () => {
    const { pinia, composer } = await replying()
    const wrapper = mountOn(pinia, ComposerBox)
    await flushPromises()
    const own = wrapper.get<HTMLTextAreaElement>('#reply-own')
    expect(wrapper.get('label[for="reply-own"]').text()).toBe('Your reply (English)')
    expect(own.attributes('dir')).toBe('auto')
    await own.setValue('Breakfast is from seven.')
    await vi.waitFor(() => expect(composer.text).toBe('[pt] Breakfast is from seven.'), {
      timeout: 3_000,
    })
    await flushPromises()
    const message = wrapper.get<HTMLTextAreaElement>('#composer-text')
    expect(message.element.value).toBe('[pt] Breakfast is from seven.')
    expect(wrapper.text()).toContain(
      'The message box below holds the translation (Portuguese): that is what Send sends.',
    )
    const send = wrapper.findAll('button').find((button) => button.text() === 'Send')!
    expect(send.attributes('disabled')).toBeUndefined()
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await outboxOf(db, 'c1')).toHaveLength(1))
    const [queued] = await outboxOf(db, 'c1')
    expect(queued?.action).toMatchObject({ content: '[pt] Breakfast is from seven.' })
    wrapper.unmount()
  })

  it('translates at once with Ctrl+Enter in the own box, and sends nothing by itself', async () => {
    const { pinia, composer } = await replying()
    const wrapper = mountOn(pinia, ComposerBox)
    await flushPromises()
    const own = wrapper.get<HTMLTextAreaElement>('#reply-own')
    await own.setValue('Checkout is at eleven.')
    await own.trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(composer.text).toBe('[pt] Checkout is at eleven.')
    expect(await outboxOf(db, 'c1')).toHaveLength(0)
    wrapper.unmount()
  })

  it('is a switch named after the staff language', async () => {
    const { pinia, reply } = await replying()
    reply.setEnabled(false)
    const wrapper = mountOn(pinia, ComposerBox)
    await flushPromises()
    const toggle = wrapper.get('[role="switch"]')
    expect(toggle.text()).toBe('Write in my language (English)')
    expect(toggle.attributes('aria-checked')).toBe('false')
    expect(wrapper.find('#reply-own').exists()).toBe(false)
    await toggle.trigger('click')
    expect(wrapper.find('#reply-own').exists()).toBe(true)
    expect(wrapper.get('#reply-target').element).toBeInstanceOf(HTMLSelectElement)
    wrapper.unmount()
  })
})
