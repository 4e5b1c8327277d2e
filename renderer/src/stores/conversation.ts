import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowReactive, watch } from 'vue'
import { desk } from '@/bridge'
import { afterNextPaint } from '@/composables/afterNextPaint'
import { presence } from '@/composables/presence'
import { keepEqual, keepEqualItems } from '@/composables/stable'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { useNow } from '@/composables/useNow'
import {
  cancelOutboxRecord,
  enqueueMarkRead,
  enqueueNoReplyNeeded,
  retryOutboxRecord,
  timelineKey,
  type InnboxDb,
  type OutboxRecord,
  type TimelineItem,
} from '@/db'
import { conversationView, markReadLocally, type ConversationView } from '@/db/conversation-queries'
import { loadAttachment, portFromDesk } from '@/sync'
import { SNIFF_BYTES, sniffImageType, type ImageType } from '@shared/policy'
import type { Message } from '@shared/platform'
import { stayStage, type StayStage } from '@shared/stays'
import { useInboxStore } from './inbox'
import { useSyncStore } from './sync'

export type PhotoState =
  | { status: 'loading' }
  | { status: 'ready'; url: string; fileName: string; type: ImageType }
  | { status: 'failed'; code: string }

/**
 * The open conversation: its timeline, property and reservation read live from the store;
 * reading it marks it read through the outbox; "No reply needed", retry, edit and cancel of
 * this desk's unsent messages; its photos as object URLs, revoked when the conversation closes.
 */
export const useConversationStore = defineStore('conversation', () => {
  const sync = useSyncStore()
  const inbox = useInboxStore()
  const now = useNow()
  const visible = ref(document.visibilityState !== 'hidden')
  const onVisibility = () => (visible.value = document.visibilityState !== 'hidden')
  document.addEventListener('visibilitychange', onVisibility)
  onScopeDispose(() => document.removeEventListener('visibilitychange', onVisibility))

  const live = useLiveQuery(
    () => ({ db: sync.db, id: inbox.selectedConversationId }),
    ({ db, id }) => (db && id ? conversationView(db, id) : Promise.resolve(null)),
    null,
  )
  /**
   * Never the previous conversation's answer while the next one loads. An answer keeps the
   * previous one's objects where they are equal (composables/stable.ts): marking read changes a
   * few messages, and only their items are drawn again.
   */
  const view = computed<ConversationView | null>((previous) => {
    const next = live.value.value
    if (next?.conversation.conversationId !== inbox.selectedConversationId) return null
    if (!previous || previous.conversation.conversationId !== next.conversation.conversationId)
      return next
    const kept: ConversationView = {
      conversation: keepEqual(previous.conversation, next.conversation),
      property: keepEqual(previous.property, next.property),
      reservation: keepEqual(previous.reservation, next.reservation),
      timeline: keepEqualItems(previous.timeline, next.timeline, timelineKey) as TimelineItem[],
    }
    const same = (Object.keys(kept) as (keyof ConversationView)[]).every(
      (part) => kept[part] === previous[part],
    )
    return same ? previous : kept
  })
  const loading = computed(() => inbox.selectedConversationId !== null && live.loading.value)
  const conversation = computed(() => view.value?.conversation ?? null)
  const property = computed(() => view.value?.property ?? null)
  const reservation = computed(() => view.value?.reservation ?? null)
  const timeline = computed(() => view.value?.timeline ?? [])
  /** The platform messages, for the policy (rule 2 and open self-service requests). */
  const messages = computed<Message[]>(() =>
    timeline.value.flatMap((item) => (item.kind === 'message' ? [item.message.message] : [])),
  )
  const isRequestToBook = computed(() => conversation.value?.conversationType === 'request_to_book')
  const noReplyNeeded = computed(() => conversation.value?.tags.no_reply_needed?.set === true)
  const stage = computed<StayStage | null>(() => {
    const booking = reservation.value?.reservation
    const zone = property.value?.property
    if (!booking || !zone) return isRequestToBook.value ? 'requestToBook' : null
    return stayStage(
      {
        conversationType: conversation.value?.conversationType ?? booking.conversation_type,
        status: booking.status,
        checkin: booking.checkin,
        checkout: booking.checkout,
      },
      { timeZone: zone.time_zone, checkoutTime: zone.checkout_time },
      now.value,
    )
  })
  const actionError = ref<unknown>(null)

  // Where "New" starts: the oldest guest message still unread when the conversation opened.
  const unreadFrom = ref<number | null>(null)
  let capturedFor: string | null = null
  watch(view, (next) => {
    if (!next || next.conversation.conversationId === capturedFor) return
    capturedFor = next.conversation.conversationId
    const first = next.timeline.find(
      (item) => item.kind === 'message' && item.message.sender === 'guest' && !item.message.read,
    )
    unreadFrom.value = first?.at ?? null
  })
  watch(
    () => inbox.selectedConversationId,
    (id) => {
      if (id === capturedFor) return
      capturedFor = null
      unreadFrom.value = null
    },
  )

  function write<T>(action: (db: InnboxDb) => Promise<T>): Promise<T | null> {
    const db = sync.db
    if (!db) return Promise.resolve(null)
    return action(db).then(
      (result) => {
        actionError.value = null
        void sync.flushOutbox()
        return result
      },
      (error: unknown) => {
        actionError.value = error
        return null
      },
    )
  }

  // Reading it on screen marks it read: not while the window is in the background, nor while
  // another page (Settings, Reservations) covers the conversation view.
  const viewers = presence()
  /** The conversation view says it is on screen; call the answer when it leaves. */
  const showOnScreen = viewers.show
  let marking = false
  let markAgain = false
  const unreadOnScreen = () => {
    const open = conversation.value
    if (!open || open.unreadCount === 0 || !visible.value || !viewers.shown.value) return null
    return open
  }
  async function markOpenRead(): Promise<void> {
    if (marking) {
      markAgain = true
      return
    }
    marking = true
    try {
      do {
        markAgain = false
        // The write wakes the inbox read model and the metrics worker, which would then compete
        // with drawing the conversation just opened: it waits until that frame is painted.
        if (!unreadOnScreen()) break
        await afterNextPaint()
        const open = unreadOnScreen()
        if (!open) break
        const target = { propertyId: open.propertyId, conversationId: open.conversationId }
        if (isRequestToBook.value) await write((db) => markReadLocally(db, open.conversationId))
        else await write((db) => enqueueMarkRead(db, target, { now: Date.now() }))
      } while (markAgain)
    } finally {
      marking = false
    }
  }
  watch(
    [
      () => conversation.value?.conversationId,
      () => conversation.value?.unreadCount,
      visible,
      viewers.shown,
    ],
    () => void markOpenRead(),
    { immediate: true },
  )

  /** The "No reply needed" switch; booking requests carry no tags (PLATFORM.md "Objects"). */
  function setNoReplyNeeded(set: boolean): Promise<unknown> {
    const open = conversation.value
    if (!open || isRequestToBook.value) return Promise.resolve(null)
    const target = { propertyId: open.propertyId, conversationId: open.conversationId, set }
    return write((db) => enqueueNoReplyNeeded(db, target, { now: Date.now() }))
  }

  function retry(record: OutboxRecord): Promise<unknown> {
    return write((db) => retryOutboxRecord(db, record.id, { now: Date.now() }))
  }

  /** Edit and retry a failed message: it was never delivered, so its text may change. */
  function editAndRetry(record: OutboxRecord, content: string): Promise<unknown> {
    return write((db) => retryOutboxRecord(db, record.id, { now: Date.now(), content }))
  }

  /** Only queued or failed records: a sent message is never deleted (rule 7). */
  function cancel(record: OutboxRecord): Promise<unknown> {
    return write((db) => cancelOutboxRecord(db, record.id))
  }

  // Photos: object URLs made only from bytes that really are JPEG or PNG, with the sniffed
  // type (never the declared one), and revoked when the conversation closes.
  const photos = shallowReactive(new Map<string, PhotoState>())
  let photoGeneration = 0

  function photoUrl(bytes: Uint8Array, fileName: string): PhotoState {
    const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES))
    if (!type) return { status: 'failed', code: 'not_image' }
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
    return { status: 'ready', url, fileName, type }
  }

  async function requestPhoto(attachmentId: string): Promise<void> {
    const db = sync.db
    const open = conversation.value
    if (!db || !open || photos.has(attachmentId)) return
    photos.set(attachmentId, { status: 'loading' })
    const mine = photoGeneration
    const ctx = { db, port: portFromDesk(desk), now: Date.now }
    const ref = { propertyId: open.propertyId, conversationId: open.conversationId, attachmentId }
    const step = await loadAttachment(ctx, ref).catch(() => null)
    if (mine !== photoGeneration) return
    if (!step?.ok) {
      photos.set(attachmentId, { status: 'failed', code: step ? step.failure.code : 'internal' })
      return
    }
    const { bytes, metadata } = step.value
    photos.set(
      attachmentId,
      bytes ? photoUrl(bytes, metadata?.file_name ?? '') : { status: 'failed', code: 'not_found' },
    )
  }

  /** A photo of an unsent message, from the bytes the outbox record holds. */
  function requestOutboxPhoto(record: OutboxRecord, index: number): void {
    const key = `outbox:${record.id}:${index}`
    const attachment = record.action.kind === 'send' ? record.action.attachments[index] : undefined
    if (photos.has(key) || !attachment) return
    photos.set(key, photoUrl(attachment.bytes, attachment.fileName))
  }

  function releasePhotos(): void {
    photoGeneration += 1
    for (const state of photos.values())
      if (state.status === 'ready') URL.revokeObjectURL(state.url)
    photos.clear()
  }
  watch(() => inbox.selectedConversationId, releasePhotos)
  onScopeDispose(releasePhotos)

  return {
    now,
    loading,
    conversation,
    property,
    reservation,
    timeline,
    messages,
    isRequestToBook,
    noReplyNeeded,
    stage,
    unreadFrom,
    actionError,
    photos,
    showOnScreen,
    setNoReplyNeeded,
    retry,
    editAndRetry,
    cancel,
    requestPhoto,
    requestOutboxPhoto,
  }
})
