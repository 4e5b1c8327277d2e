import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { desk } from '@/bridge'
import type { BridgeResult } from '@shared/bridge/result'
import type { TranslateResult } from '@shared/bridge/translation-schemas'
import { useComposerStore } from './composer'
import { useInboxStore } from './inbox'
import { useTranslationStore } from './translation'
import { OFFLINE_RETRY_MS, RATE_LIMIT_DEFAULT_MS, type JobFailure } from './translation-jobs'
import { useTranslationServiceStore } from './translation-service'

export type ReplyStep =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'queued'; reason: 'offline' | 'rate_limited'; retryAt: number }
  | { status: 'failed'; failure: JobFailure }

interface Session {
  own: string
  chosenTarget: string | null
  last: { own: string; text: string; target: string } | null
}

/** Typing pauses this long before the text is sent for translation. */
export const REPLY_TRANSLATE_DELAY_MS = 600
const HOLD = 'replyTranslation'

/**
 * Writing a reply in the staff's own language (issue 9): the text typed here is translated
 * into the guest's language (the booking's, else detected, else chosen) and put into the
 * composer's Message box, which stays the one text that is sent and judged by the policy.
 * Either side can be edited: a hand-edited translation is never overwritten without asking.
 * A back-translation of the Message box checks the meaning. While a translation is on its way
 * Send waits for it; offline it is queued and Send stays free for the text as it stands.
 */
export const useReplyTranslationStore = defineStore('replyTranslation', () => {
  const composer = useComposerStore()
  const inbox = useInboxStore()
  const translation = useTranslationStore()
  const service = useTranslationServiceStore()

  /** The switch "Write in my language"; it stays as set for the whole session. */
  const enabled = ref(false)
  const own = ref('')
  const chosenTarget = ref<string | null>(null)
  const last = shallowRef<Session['last']>(null)
  const step = shallowRef<ReplyStep>({ status: 'idle' })
  const backEnabled = ref(false)
  const back = shallowRef<{ of: string; text: string } | null>(null)
  const backStep = shallowRef<ReplyStep>({ status: 'idle' })
  /** Typing paused less than the delay ago: a translation is about to be asked for. */
  const scheduled = ref(false)
  const sessions = new Map<string, Session>()
  let ticket = 0
  let backTicket = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let backTimer: ReturnType<typeof setTimeout> | null = null

  const source = computed(() => service.staffLanguage)
  const target = computed(() => chosenTarget.value ?? translation.guestLanguage?.code ?? null)
  const targetFrom = computed(() =>
    chosenTarget.value ? 'chosen' : (translation.guestLanguage?.from ?? null),
  )
  /** The switch is offered once a service is configured. */
  const available = computed(() => service.configured)
  const active = computed(
    () =>
      enabled.value && available.value && target.value !== null && target.value !== source.value,
  )
  /** The Message box no longer holds the translation this store put there. */
  const guestEdited = computed(
    () => last.value !== null && composer.text.trim() !== last.value.text.trim(),
  )
  /** The own text (or the target) changed since the translation in the box was made. */
  const outdated = computed(
    () =>
      last.value !== null && (own.value !== last.value.own || target.value !== last.value.target),
  )

  function clearTimer(): void {
    if (timer) clearTimeout(timer)
    timer = null
    scheduled.value = false
  }

  function settle(next: ReplyStep): void {
    step.value = next
    composer.hold(HOLD, next.status === 'pending' || scheduled.value)
  }

  /** Typing on the own side: translated once the typing pauses (unless the box was edited). */
  function setOwn(value: string): void {
    own.value = value
    clearTimer()
    if (!active.value || (guestEdited.value && composer.text.trim() !== '')) {
      settle(step.value.status === 'pending' ? step.value : { status: 'idle' })
      return
    }
    timer = setTimeout(() => void translateNow(), REPLY_TRANSLATE_DELAY_MS)
    scheduled.value = true
    settle(step.value)
  }

  function failureOf(answer: BridgeResult<TranslateResult>): ReplyStep {
    if (answer.ok) return { status: 'idle' }
    const { error } = answer
    const code = error.details?.translation?.code ?? error.code
    const now = Date.now()
    if (code === 'rate_limited') {
      const retryAt = now + (error.details?.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS)
      translation.pauseUntil(retryAt)
      return { status: 'queued', reason: 'rate_limited', retryAt }
    }
    if (['offline', 'timeout', 'unavailable'].includes(code)) {
      return { status: 'queued', reason: 'offline', retryAt: now + OFFLINE_RETRY_MS }
    }
    return { status: 'failed', failure: error.details?.translation ?? { code: 'unknown' } }
  }

  /** Translates the own text into the guest's language now and puts it into the Message box. */
  async function translateNow(): Promise<void> {
    clearTimer()
    const conversationId = inbox.selectedConversationId
    const text = own.value
    const into = target.value
    const mine = ++ticket
    if (!active.value || !into || !conversationId) return settle({ status: 'idle' })
    if (text.trim() === '') {
      // Emptied: the box empties too, unless someone wrote there by hand.
      if (!guestEdited.value) composer.updateText('')
      last.value = null
      return settle({ status: 'idle' })
    }
    const pausedUntil = translation.pausedUntil
    if (pausedUntil > Date.now()) {
      return settle({ status: 'queued', reason: 'rate_limited', retryAt: pausedUntil })
    }
    if (navigator.onLine === false) {
      return settle({ status: 'queued', reason: 'offline', retryAt: Date.now() + OFFLINE_RETRY_MS })
    }
    settle({ status: 'pending' })
    const answer = await desk.translation.translate({
      texts: [text],
      source: source.value,
      target: into,
    })
    if (mine !== ticket || inbox.selectedConversationId !== conversationId) return
    if (!answer.ok) return settle(failureOf(answer))
    const translated = answer.value.translations[0]?.text ?? ''
    last.value = { own: text, text: translated, target: into }
    composer.updateText(translated)
    settle({ status: 'idle' })
  }

  /** The back-translation of what the Message box holds now, into the staff's language. */
  async function translateBack(): Promise<void> {
    if (backTimer) clearTimeout(backTimer)
    backTimer = null
    const text = composer.text.trim()
    const from = target.value
    const mine = ++backTicket
    if (!backEnabled.value || !from || text === '') {
      back.value = null
      backStep.value = { status: 'idle' }
      return
    }
    backStep.value = { status: 'pending' }
    const answer = await desk.translation.translate({
      texts: [text],
      source: from,
      target: source.value,
    })
    if (mine !== backTicket) return
    if (!answer.ok) {
      backStep.value = failureOf(answer)
      return
    }
    back.value = { of: text, text: answer.value.translations[0]?.text ?? '' }
    backStep.value = { status: 'idle' }
  }

  function setEnabled(on: boolean): void {
    enabled.value = on
    if (!on) {
      clearTimer()
      ticket++
      settle({ status: 'idle' })
    }
  }

  function setBackEnabled(on: boolean): void {
    backEnabled.value = on
    void translateBack()
  }

  function chooseTarget(code: string | null): void {
    chosenTarget.value = code
  }

  // The back-translation follows the Message box as it is edited, once the typing pauses.
  watch(
    () => composer.text,
    () => {
      if (!backEnabled.value) return
      if (backTimer) clearTimeout(backTimer)
      backTimer = setTimeout(() => void translateBack(), REPLY_TRANSLATE_DELAY_MS)
    },
  )
  // Another language for the guest: the text is translated again (it is another text).
  watch(target, () => {
    if (active.value && own.value.trim() !== '') void translateNow()
  })
  // The network is back: what waited goes now.
  watch(
    () => translation.reconnects,
    () => {
      if (step.value.status === 'queued') void translateNow()
      if (backStep.value.status === 'queued') void translateBack()
    },
  )
  // Sent: both sides start empty for the next message.
  watch(
    () => composer.sentCount,
    () => {
      own.value = ''
      last.value = null
      back.value = null
      backStep.value = { status: 'idle' }
      ticket++
      clearTimer()
      settle({ status: 'idle' })
    },
  )
  // Each conversation keeps its own side and language for the session.
  watch(
    () => inbox.selectedConversationId,
    (next, previous) => {
      if (previous)
        sessions.set(previous, {
          own: own.value,
          chosenTarget: chosenTarget.value,
          last: last.value,
        })
      const kept = next ? sessions.get(next) : undefined
      own.value = kept?.own ?? ''
      chosenTarget.value = kept?.chosenTarget ?? null
      last.value = kept?.last ?? null
      back.value = null
      backStep.value = { status: 'idle' }
      ticket++
      backTicket++
      clearTimer()
      settle({ status: 'idle' })
    },
  )
  onScopeDispose(() => {
    clearTimer()
    if (backTimer) clearTimeout(backTimer)
    composer.hold(HOLD, false)
  })

  return {
    enabled,
    available,
    active,
    own,
    source,
    target,
    targetFrom,
    step,
    scheduled,
    guestEdited,
    outdated,
    backEnabled,
    back,
    backStep,
    setEnabled,
    setOwn,
    translateNow,
    setBackEnabled,
    chooseTarget,
  }
})
