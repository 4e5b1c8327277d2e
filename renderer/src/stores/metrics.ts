import { defineStore } from 'pinia'
import { computed, markRaw, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { enqueueNoReplyNeeded, type InnboxDb, type StoreError } from '@/db'
import {
  createMetricsClient,
  type AtRiskItem,
  type MetricsClient,
  type MetricsResult,
  type PropertyMetrics,
} from '@/metrics'
import { REPLY_TARGET_MS } from '@shared/metrics'
import { deskInput, waitForQuiet } from '@/composables/deskQuiet'
import { useInboxStore } from './inbox'
import { useSyncStore } from './sync'

/** Recompute every minute: a 24-hour mark passing moves the score, and so does midnight. */
const TICK_MS = 60_000
/** The reply score's first read starts after this long without input on the desk… [ours] */
export const QUIET_MS = 1_500
/** …or this long after the list has read the store, however busy the desk. [ours] */
export const MAX_WAIT_MS = 20_000

/**
 * The reply score (PLATFORM.md rule 9), its trend and forecast, per property and overall. The
 * worker in `@/metrics` follows the store and computes with shared/metrics; this store gives it
 * the time, keeps the latest answer, and marks at-risk messages "no reply needed" through the
 * outbox.
 */
export const useMetricsStore = defineStore('metrics', () => {
  const sync = useSyncStore()
  const result = shallowRef<MetricsResult | null>(null)
  const failure = shallowRef<StoreError | null>(null)
  /** Conversations this desk marked "no reply needed" from the at-risk list in this session. */
  const markedNoReplyNeeded = ref<string[]>([])
  const actionError = shallowRef<unknown>(null)

  let client: MetricsClient | null = null
  function connect(db: InnboxDb | null): void {
    client?.dispose()
    client = null
    result.value = null
    failure.value = null
    if (!db) return
    client = createMetricsClient(db)
    client.onResult((next) => (result.value = markRaw(next)))
    client.onFailure((error) => (failure.value = error))
    client.setNow(Date.now())
  }
  // The worker reads the store at start (every conversation, and every message without a
  // snapshot) and computes the whole trend: a second of CPU at 20,000 conversations, several at
  // 200,000, on a machine of two cores. It starts once the list shows its first rows, and then
  // in a pause of the desk's use (or after MAX_WAIT_MS however busy), so neither the list nor
  // the first conversations opened wait for a score shown beside them (issue 11). Not once the
  // list's read model has read the store: at 200,000 conversations that takes ~15 s, after
  // which the desk is in use, and the score's start fell on the first conversations opened.
  // Once started it follows every change.
  const inbox = useInboxStore()
  const input = deskInput()
  const started = ref(false)
  let waiting: { cancel: () => void } | null = null
  watch(
    () => inbox.listShown,
    (shown) => {
      if (!shown || waiting) return
      const wait = waitForQuiet(input, { quietMs: QUIET_MS, maxWaitMs: MAX_WAIT_MS })
      waiting = wait
      void wait.done.then(() => (started.value = true))
    },
    { immediate: true },
  )
  watch(() => (started.value ? sync.db : null), connect, { immediate: true })
  const ticker = setInterval(() => client?.setNow(Date.now()), TICK_MS)
  onScopeDispose(() => {
    clearInterval(ticker)
    waiting?.cancel()
    client?.dispose()
  })

  const loaded = computed(() => result.value?.loaded === true)
  const overall = computed(() => result.value?.overall ?? null)
  const properties = computed(() => result.value?.properties ?? [])
  const atRisk = computed<AtRiskItem[]>(() => result.value?.atRisk ?? [])

  function ofProperty(propertyId: string): PropertyMetrics | null {
    return properties.value.find((item) => item.propertyId === propertyId) ?? null
  }

  /**
   * Rule 9: marked within 24 hours of the message, it leaves the score. Written through the
   * outbox like the conversation's switch, so it holds offline and reaches the platform once.
   * Returns whether the mark came in time for the message.
   */
  async function markNoReplyNeeded(item: AtRiskItem): Promise<boolean> {
    const db = sync.db
    if (!db) return false
    const now = Date.now()
    const target = { propertyId: item.propertyId, conversationId: item.conversationId, set: true }
    try {
      await enqueueNoReplyNeeded(db, target, { now })
      actionError.value = null
      markedNoReplyNeeded.value = [...markedNoReplyNeeded.value, item.conversationId]
      void sync.flushOutbox()
      client?.setNow(Date.now())
      return now - item.receivedAt <= REPLY_TARGET_MS
    } catch (error) {
      actionError.value = error
      return false
    }
  }

  return {
    result,
    failure,
    loaded,
    overall,
    properties,
    atRisk,
    markedNoReplyNeeded,
    actionError,
    ofProperty,
    markNoReplyNeeded,
  }
})
