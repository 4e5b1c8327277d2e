import { defineStore } from 'pinia'
import { computed, markRaw, onScopeDispose, ref, shallowReactive, shallowRef, watch } from 'vue'
import { downscaleToFit, type ImageOps } from '@/composables/imageDownscale'
import { acceptedImageType, fileKindOf, jpegName, type FileKind } from '@/composables/photoBytes'
import { useLiveQuery } from '@/composables/useLiveQuery'
import {
  acknowledgeConflict,
  enqueueSend,
  messageOrigins,
  readDraft,
  replyConflict,
  saveDraft,
  type MessageOrigin,
  type OriginEntry,
} from '@/db'
import {
  DEFAULT_POLICY_CONFIG,
  evaluateSend,
  policyConversationFrom,
  type ImageType,
  type SendDecision,
} from '@shared/policy'
import type { Template } from '@shared/templates'
import { useConversationStore } from './conversation'
import { useInboxStore } from './inbox'
import { useSyncStore } from './sync'
import { renderForConversation, unfilledPlaceholders, type TemplateInsertion } from './templates'

export interface ComposerPhoto {
  id: string
  fileName: string
  bytes: Uint8Array
  kind: FileKind
  /** What the bytes are (rule 4), null when not JPEG or PNG. */
  type: ImageType | null
  previewUrl: string | null
  /** Set while being shrunk, and after: the size before. */
  shrinking: boolean
  shrunkFrom: number | null
  shrinkError: 'undecodable' | 'cannotFit' | null
  /** [ours] Files too big to even open (bigger than any photo worth shrinking). */
  tooLargeToOpen: boolean
}

/** Debounce of the draft save: often enough to survive a crash, rarely enough not to churn. */
export const DRAFT_SAVE_DELAY_MS = 400
/** [ours] Files above this are not read into memory at all. */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024

/**
 * The reply being written: its draft saved as you type and restored after a restart, its
 * photos checked by their bytes, the policy's live decision on exactly the text that will be
 * sent, the "another desk replied" check, and send = outbox record first, then a flush.
 */
export const useComposerStore = defineStore('composer', () => {
  const sync = useSyncStore()
  const inbox = useInboxStore()
  const open = useConversationStore()
  const text = ref('')
  const ready = ref(false)
  const sendError = shallowRef<unknown>(null)
  /** The template the reply came from (issue 8's audit trail), kept with the draft. */
  const origin = shallowRef<MessageOrigin | null>(null)
  /** The last inserted template's language, when it was not the guest's (a visible note). */
  const templateNote = shallowRef<Pick<TemplateInsertion, 'fellBackTo' | 'wanted'> | null>(null)
  // Photos are session state per conversation (drafts keep text only): switching away keeps them.
  const photosByConversation = new Map<string, ComposerPhoto[]>()
  const photos = shallowRef<ComposerPhoto[]>([])
  let imageOps: ImageOps | undefined

  // Draft writes run one after another, so a late save can never recreate a sent draft.
  let writes: Promise<unknown> = Promise.resolve()
  let pending: {
    conversationId: string
    text: string
    timer: ReturnType<typeof setTimeout>
  } | null = null

  function queueWrite(write: () => Promise<unknown>): Promise<unknown> {
    writes = writes.then(write).catch((error: unknown) => (sendError.value = error))
    return writes
  }

  function flushDraft(): Promise<unknown> {
    const db = sync.db
    if (!pending || !db) return writes
    const { conversationId, text: draft, timer } = pending
    const from = origin.value
    clearTimeout(timer)
    pending = null
    return queueWrite(() => saveDraft(db, conversationId, draft, Date.now(), from))
  }

  /** The textbox's input: shown at once, saved shortly after the typing pauses. */
  function updateText(value: string): void {
    text.value = value
    if (!value.trim()) {
      origin.value = null
      templateNote.value = null
    }
    const conversationId = inbox.selectedConversationId
    if (!conversationId || !ready.value) return
    if (pending) clearTimeout(pending.timer)
    const timer = setTimeout(() => void flushDraft(), DRAFT_SAVE_DELAY_MS)
    pending = { conversationId, text: value, timer }
  }

  watch(
    [() => inbox.selectedConversationId, () => sync.db],
    async ([id, db]) => {
      void flushDraft()
      ready.value = false
      text.value = ''
      origin.value = null
      templateNote.value = null
      sendError.value = null
      photos.value = id ? (photosByConversation.get(id) ?? []) : []
      if (!id || !db) return
      await writes
      const draft = await readDraft(db, id)
      if (inbox.selectedConversationId !== id) return
      text.value = draft?.text ?? ''
      origin.value = draft?.origin ?? null
      ready.value = true
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    void flushDraft()
    for (const list of photosByConversation.values()) list.forEach(revoke)
  })

  // A scheduled rule ("prepare a draft") or the Upcoming view's "Edit" may write the draft of
  // the open conversation: shown at once while nothing is being written here.
  const storedDraft = useLiveQuery(
    () => ({ db: sync.db, id: inbox.selectedConversationId }),
    ({ db, id }) => (db && id ? readDraft(db, id) : Promise.resolve(undefined)),
    undefined,
  ).value
  watch(storedDraft, (draft) => {
    if (!draft?.origin?.ruleId || !ready.value || pending || text.value.trim()) return
    if (draft.conversationId !== inbox.selectedConversationId) return
    text.value = draft.text
    origin.value = draft.origin
  })

  const conflicts = useLiveQuery(
    () => ({ db: sync.db, id: inbox.selectedConversationId }),
    ({ db, id }) => (db && id ? replyConflict(db, id) : Promise.resolve([])),
    [],
  ).value

  /** Exactly what Send would send: the policy judges this, not what the textbox shows. */
  const outgoingText = computed(() => text.value.trim())
  /** The policy's decision on `text` with `attachments` now; null until the property is known. */
  function judge(
    draftText: string,
    attachments: readonly { fileName: string; bytes: Uint8Array }[] = [],
  ): SendDecision | null {
    const conversation = open.conversation
    const property = open.property
    if (!conversation || !property) return null
    const facts = policyConversationFrom({
      property: property.property,
      reservation: open.reservation?.reservation ?? null,
      messages: open.messages,
      conversationType: conversation.conversationType,
    })
    const list = attachments.map(({ fileName, bytes }) => ({ fileName, bytes }))
    return evaluateSend(facts, { text: draftText, attachments: list }, open.now)
  }
  const decision = computed(() => judge(outgoingText.value, photos.value))
  const hasConflict = computed(() => conflicts.value.length > 0)
  const busy = computed(() => photos.value.some((p) => p.shrinking))
  // Another part of the composer may hold Send for a moment: the reply translation while the
  // text it is about to put into the box is on its way (never while it is queued offline).
  const holds = shallowReactive(new Set<string>())
  const held = computed(() => holds.size > 0)
  function hold(reason: string, on: boolean): void {
    if (on) holds.add(reason)
    else holds.delete(reason)
  }
  /** Counts the messages queued by Send, so others can follow (the reply translation resets). */
  const sentCount = ref(0)
  /** Placeholders still in the text: Send waits until staff replace them (issue 8). */
  const unfilled = computed(() => unfilledPlaceholders(text.value))
  const canSend = computed(
    () =>
      ready.value &&
      !busy.value &&
      !held.value &&
      decision.value?.allowed === true &&
      !hasConflict.value &&
      unfilled.value.length === 0,
  )

  function setPhotos(next: ComposerPhoto[]): void {
    photos.value = next
    const id = inbox.selectedConversationId
    if (id) photosByConversation.set(id, next)
  }

  function revoke(photo: ComposerPhoto): void {
    if (photo.previewUrl) URL.revokeObjectURL(photo.previewUrl)
  }

  function photoFrom(fileName: string, bytes: Uint8Array, tooLargeToOpen = false): ComposerPhoto {
    const type = acceptedImageType(bytes)
    const blobBytes = bytes as Uint8Array<ArrayBuffer>
    return {
      id: crypto.randomUUID(),
      fileName,
      bytes: markRaw(bytes),
      kind: fileKindOf(bytes),
      type,
      previewUrl: type ? URL.createObjectURL(new Blob([blobBytes], { type })) : null,
      shrinking: false,
      shrunkFrom: null,
      shrinkError: null,
      tooLargeToOpen,
    }
  }

  /** From the file picker or a drop; every file is judged by its bytes (rule 4). */
  async function addFiles(files: readonly File[]): Promise<void> {
    const id = inbox.selectedConversationId
    if (!id) return
    const added = await Promise.all(
      files.map(async (file) =>
        file.size > MAX_OPEN_BYTES
          ? photoFrom(file.name, new Uint8Array(0), true)
          : photoFrom(file.name, new Uint8Array(await file.arrayBuffer())),
      ),
    )
    if (inbox.selectedConversationId !== id) return added.forEach(revoke)
    setPhotos([...photos.value, ...added])
  }

  function removePhoto(photoId: string): void {
    const photo = photos.value.find((p) => p.id === photoId)
    if (photo) revoke(photo)
    setPhotos(photos.value.filter((p) => p.id !== photoId))
  }

  function replacePhoto(photoId: string, change: (photo: ComposerPhoto) => ComposerPhoto): void {
    setPhotos(photos.value.map((p) => (p.id === photoId ? change(p) : p)))
  }

  /** The one-click "shrink to fit" for a photo over the limit: re-encoded as JPEG ≤ 1 MB. */
  async function shrinkPhoto(photoId: string): Promise<boolean> {
    const photo = photos.value.find((p) => p.id === photoId)
    if (!photo?.type) return false
    replacePhoto(photoId, (p) => ({ ...p, shrinking: true, shrinkError: null }))
    const max = DEFAULT_POLICY_CONFIG.maxAttachmentBytes
    const result = await downscaleToFit(photo.bytes, photo.type, max, imageOps)
    if (!photos.value.some((p) => p.id === photoId)) return false
    if (!result.ok) {
      replacePhoto(photoId, (p) => ({ ...p, shrinking: false, shrinkError: result.code }))
      return false
    }
    const shrunk = photoFrom(jpegName(photo.fileName), result.bytes)
    revoke(photo)
    replacePhoto(photoId, () => ({ ...shrunk, id: photoId, shrunkFrom: photo.bytes.byteLength }))
    return true
  }

  /** Another desk replied since the draft started: the user saw it and keeps their draft. */
  async function acknowledgeReplies(): Promise<void> {
    const db = sync.db
    const id = inbox.selectedConversationId
    if (!db || !id) return
    await flushDraft()
    await queueWrite(() => acknowledgeConflict(db, id))
  }

  /**
   * Queues the message (outbox first, then a flush). `despiteReplies` is the user's choice
   * to send although another desk replied meanwhile.
   */
  async function send({ despiteReplies = false } = {}): Promise<boolean> {
    const db = sync.db
    const conversation = open.conversation
    const allowed =
      ready.value &&
      !busy.value &&
      !held.value &&
      decision.value?.allowed === true &&
      unfilled.value.length === 0
    if (!db || !conversation || !allowed || (hasConflict.value && !despiteReplies)) return false
    const content = outgoingText.value
    const attachments = photos.value.flatMap((p) =>
      p.type ? [{ fileName: p.fileName, fileType: p.type, bytes: p.bytes }] : [],
    )
    const sent = photos.value
    const previousText = text.value
    const from = origin.value
    if (pending) clearTimeout(pending.timer)
    pending = null
    // Cleared at once; the queued message appears in the timeline from the outbox.
    text.value = ''
    origin.value = null
    templateNote.value = null
    setPhotos([])
    try {
      await writes
      const target = {
        propertyId: conversation.propertyId,
        conversationId: conversation.conversationId,
      }
      await enqueueSend(
        db,
        { ...target, content, attachments },
        { now: Date.now(), ...(from ? { origin: from } : {}) },
      )
    } catch (error) {
      sendError.value = error
      if (inbox.selectedConversationId === conversation.conversationId) {
        text.value = previousText
        origin.value = from
        setPhotos(sent)
      }
      return false
    }
    sent.forEach(revoke)
    sendError.value = null
    sentCount.value += 1
    void sync.flushOutbox()
    return true
  }

  /**
   * Puts `template`, filled for this guest, in place of `range` of the text (the selection).
   * Answers where its first unfilled placeholder is, else where the insertion ends, so the
   * textbox can select it; null when nothing was inserted.
   */
  async function insertTemplate(
    template: Template,
    range: { start: number; end: number },
  ): Promise<{ start: number; end: number } | null> {
    const db = sync.db
    const id = inbox.selectedConversationId
    const property = open.property
    if (!db || !id || !property || !ready.value) return null
    const insertion = await renderForConversation(db, template, {
      property,
      reservation: open.reservation,
      messages: open.messages,
    })
    if (!insertion || inbox.selectedConversationId !== id) return null
    const before = text.value.slice(0, range.start)
    origin.value = insertion.origin
    updateText(`${before}${insertion.text}${text.value.slice(range.end)}`)
    templateNote.value = insertion.fellBackTo
      ? { fellBackTo: insertion.fellBackTo, wanted: insertion.wanted }
      : null
    const end = before.length + insertion.text.length
    const first = unfilled.value.find((p) => p.start >= before.length && p.end <= end)
    return first ? { start: first.start, end: first.end } : { start: end, end }
  }

  /** The templates (and rules) that wrote this conversation's messages, for the audit trail. */
  const origins = useLiveQuery(
    () => ({ db: sync.db, id: inbox.selectedConversationId }),
    ({ db, id }) => (db && id ? messageOrigins(db, id) : Promise.resolve([] as OriginEntry[])),
    [] as OriginEntry[],
  ).value
  function originOf(ref: { messageId?: string; outboxId?: string }): MessageOrigin | null {
    const entry = origins.value.find((o) =>
      ref.outboxId ? o.outboxId === ref.outboxId : o.messageId === ref.messageId,
    )
    return entry?.origin ?? null
  }

  /** Tests replace the canvas (happy-dom has none). */
  function setImageOps(ops: ImageOps | undefined): void {
    imageOps = ops
  }

  return {
    text,
    ready,
    photos,
    outgoingText,
    decision,
    judge,
    conflicts,
    hasConflict,
    canSend,
    busy,
    unfilled,
    origin,
    templateNote,
    insertTemplate,
    originOf,
    held,
    hold,
    sentCount,
    sendError,
    updateText,
    flushDraft,
    addFiles,
    removePhoto,
    shrinkPhoto,
    acknowledgeReplies,
    send,
    setImageOps,
  }
})
