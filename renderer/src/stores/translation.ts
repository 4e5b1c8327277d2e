import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowReactive, watch } from 'vue'
import { desk } from '@/bridge'
import { useLiveQuery } from '@/composables/useLiveQuery'
import type { MessageRecord, TranslationRecord } from '@/db'
import { saveTranslations, translationsOf } from '@/db/translation-queries'
import type { DetectedLanguage } from '@shared/language/detect'
import { useConversationStore } from './conversation'
import { useSyncStore } from './sync'
import { baseLanguage, detectionMemo } from './translation-detect'
import { createTranslationQueue, jobKey, type JobFailure } from './translation-jobs'
import { useTranslationServiceStore } from './translation-service'

/** What the conversation pane shows about one message's translation. */
export interface MessageTranslationView {
  /** On-device detection of a guest message; null while unknown (or for our own messages). */
  detected: DetectedLanguage | null
  /** The stored translation into the staff's language, readable offline. */
  record: TranslationRecord | null
  /** The stored translation was made by another service than the one configured now. */
  stale: boolean
  /** `idle`: never asked for (or done and stored); the others describe a request. */
  state: 'idle' | 'pending' | 'queued' | 'failed'
  queuedReason: 'offline' | 'rate_limited' | null
  retryAt: number | null
  failure: JobFailure | null
  /** Whether the translation (or its state) is shown under the original. */
  visible: boolean
}

/** [ours] Below this, a detected language is too unsure to pick the reply's language. */
const REPLY_LANGUAGE_CONFIDENCE = 0.3
/**
 * [ours] From this certainty on, the language detected here is named to the service as the
 * source: services detect poorly on short messages, and the desk has already done it.
 */
const SOURCE_CONFIDENCE = 0.5

/**
 * Translations of the open conversation's messages into the staff's language (issue 9): each
 * guest message's language detected on the device; "Show translation" and the automatic
 * switch ask the Node side; results go to the offline store (one row per message and target,
 * with the service that made it) and are read back live, so they stay readable offline. The
 * original message is never replaced. Offline or slowed down, requests wait in the queue
 * (translation-jobs.ts) and are sent again when the network returns or a sync succeeds.
 */
export const useTranslationStore = defineStore('translation', () => {
  const sync = useSyncStore()
  const open = useConversationStore()
  const service = useTranslationServiceStore()

  const target = computed(() => service.staffLanguage)
  const conversationId = computed(() => open.conversation?.conversationId ?? null)
  const cachedQuery = useLiveQuery(
    () => ({ db: sync.db, id: conversationId.value, language: target.value }),
    ({ db, id, language }) =>
      db && id ? translationsOf(db, id, language) : Promise.resolve(new Map()),
    new Map<string, TranslationRecord>(),
  )
  const cached = cachedQuery.value

  const queue = createTranslationQueue({
    translate: (texts, source, language) =>
      desk.translation.translate({ texts, source, target: language }),
    save: async (records) => {
      if (!sync.db) throw new Error('The offline store is not open.')
      await saveTranslations(sync.db, records)
    },
    isOnline: () => navigator.onLine !== false,
    now: () => Date.now(),
    setTimer: (run, delay) => {
      const timer = setTimeout(run, delay)
      return () => clearTimeout(timer)
    },
  })

  const guestMessages = computed<MessageRecord[]>(() =>
    open.timeline.flatMap((item) =>
      item.kind === 'message' && item.message.sender === 'guest' ? [item.message] : [],
    ),
  )
  /**
   * A guest message's language, detected in a worker when first asked (remembered per
   * message, translation-detect.ts); undefined until its answer arrives.
   */
  function detectionOf(message: MessageRecord): DetectedLanguage | undefined {
    if (message.sender !== 'guest') return undefined
    return detectionMemo.languageOf(message.messageId, message.message.content)
  }
  /** Every guest message's language (the reply language needs them all, when booked none). */
  const detections = computed(() => {
    const found = new Map<string, DetectedLanguage>()
    for (const message of guestMessages.value) {
      const language = detectionOf(message)
      if (language) found.set(message.messageId, language)
    }
    return found
  })

  /**
   * The language a reply should be sent in: the reservation's guest language, else the one
   * detected most often (weighted by certainty) in the guest's messages; null when unknown.
   */
  const guestLanguage = computed<{ code: string; from: 'booking' | 'detected' } | null>(() => {
    const booked = baseLanguage(open.reservation?.reservation.guest_language)
    if (booked) return { code: booked, from: 'booking' }
    const weights = new Map<string, number>()
    for (const found of detections.value.values()) {
      if (!found.language || found.confidence < REPLY_LANGUAGE_CONFIDENCE) continue
      weights.set(found.language, (weights.get(found.language) ?? 0) + found.confidence)
    }
    const best = [...weights].sort((a, b) => b[1] - a[1])[0]
    return best ? { code: best[0], from: 'detected' } : null
  })

  // What the reader chose in this session: translations hidden, or asked for on a message.
  const hidden = shallowReactive(new Set<string>())
  const asked = shallowReactive(new Set<string>())

  const isFresh = (record: TranslationRecord | undefined) =>
    record !== undefined && (!service.configured || record.provider === service.providerId)

  function wantedAutomatically(message: MessageRecord): boolean {
    if (!service.autoTranslate || !service.configured || message.sender !== 'guest') return false
    if (message.message.content.trim() === '') return false
    // A message already in the staff's language needs no translation (and is not sent): none
    // is asked for before its language is known (or known to be unknown).
    const found = detectionOf(message)
    return found !== undefined && found.language !== target.value
  }

  function viewOf(message: MessageRecord): MessageTranslationView {
    const id = message.messageId
    const record = cached.value.get(id) ?? null
    const job = queue.jobs.get(jobKey(id, target.value))
    const state = job && job.state.status !== 'done' ? job.state : null
    const wanted =
      asked.has(id) || record !== null || state !== null || wantedAutomatically(message)
    return {
      detected: detectionOf(message) ?? null,
      record,
      stale: record !== null && !isFresh(record),
      state: state?.status ?? 'idle',
      queuedReason: state?.status === 'queued' ? state.reason : null,
      retryAt: state?.status === 'queued' ? state.retryAt : null,
      failure: state?.status === 'failed' ? state.failure : null,
      visible: wanted && !hidden.has(id),
    }
  }

  function request(message: MessageRecord, force = false): void {
    const found = detectionOf(message)
    const sure = found && found.confidence >= SOURCE_CONFIDENCE ? found.language : null
    queue.request(
      {
        messageId: message.messageId,
        conversationId: message.conversationId,
        text: message.message.content,
        // Asked for although detected in the staff's language: let the service decide.
        source: sure === target.value ? null : sure,
        target: target.value,
      },
      { force },
    )
  }

  /** "Show translation": the stored one at once (offline too), else asked for. */
  function show(message: MessageRecord): void {
    hidden.delete(message.messageId)
    asked.add(message.messageId)
    if (!isFresh(cached.value.get(message.messageId))) request(message)
  }

  function hide(messageId: string): void {
    hidden.add(messageId)
    asked.delete(messageId)
  }

  /** "Try again" after a failure, or "Translate again" with the service configured now. */
  function retry(message: MessageRecord): void {
    request(message, true)
  }

  // The automatic switch: every guest message not yet translated by the current service.
  watch(
    [
      () => service.autoTranslate,
      () => service.providerId,
      guestMessages,
      cached,
      cachedQuery.loading,
      detections,
      target,
    ],
    () => {
      // Until the stored translations are read, everything would look untranslated.
      if (cachedQuery.loading.value || !service.autoTranslate || !service.configured) return
      for (const message of guestMessages.value) {
        if (hidden.has(message.messageId) || !wantedAutomatically(message)) continue
        if (!isFresh(cached.value.get(message.messageId))) request(message)
      }
    },
    { immediate: true },
  )

  /** Grows whenever the network may be back: the reply translation follows it too. */
  const reconnects = ref(0)
  function networkMayBeBack(): void {
    reconnects.value += 1
    queue.retryQueued()
  }
  window.addEventListener('online', networkMayBeBack)
  onScopeDispose(() => {
    window.removeEventListener('online', networkMayBeBack)
    queue.stop()
  })
  // A sync that reached the platform means the network is there again.
  watch(
    () => sync.status?.lastSyncAt,
    (next, previous) => {
      if (next && next !== previous) networkMayBeBack()
    },
  )
  // Another service or key: earlier failures and results no longer say anything.
  watch(
    () => service.providerId,
    () => {
      queue.forgetSettled()
      networkMayBeBack()
    },
  )

  /** A rate limit met elsewhere (the reply) holds the queue too: one service, one limit. */
  function pauseUntil(instant: number): void {
    if (instant > queue.pausedUntil.value) queue.pausedUntil.value = instant
  }

  return {
    target,
    guestLanguage,
    detections,
    jobs: queue.jobs,
    pausedUntil: queue.pausedUntil,
    pauseUntil,
    reconnects,
    viewOf,
    show,
    hide,
    retry,
  }
})
