import type { z } from 'zod'
import type { BridgeError } from '../../../shared/bridge/result'
import {
  attachmentDownloadSchema,
  attachmentMetadataSchema,
  attachmentUploadResultSchema,
  conversationListPageSchema,
  conversationResponseSchema,
  messagingPaths as paths,
  propertiesResponseSchema,
  queueConfirmResultSchema,
  queuePageSchema,
  reservationsResponseSchema,
  searchJobSchema,
  searchResultSchema,
  sendMessageResultSchema,
  tagResultSchema,
} from '../../../shared/platform'
import type {
  AttachmentMetadata,
  Conversation,
  ConversationListPage,
  Property,
  QueueConfirmResult,
  Reservation,
  QueuePage,
  ReservationsResponse,
  SearchJob,
  SearchResult,
  SendMessageResult,
} from '../../../shared/platform'
import type { PlatformLog } from '../logging/platform-log'
import { silentLog } from '../logging/platform-log'
import { CircuitBreaker } from './breaker'
import { defaultRetryPolicy } from './retry'
import type { RetryPolicy } from './retry'
import { ExchangeLedger, TokenSource } from './token'
import { PlatformTransport } from './transport'
import type { CallSpec } from './transport'
import { realSleep, systemClock } from './types'
import type { Clock, FetchFunction, PlatformResult, Sleep } from './types'

export interface PlatformAccountRef {
  id: string
  baseUrl: string
  clientId: string
}

export interface PlatformClientOptions {
  account: PlatformAccountRef
  secret: () => Promise<string | null>
  ledger?: ExchangeLedger
  breaker?: CircuitBreaker
  fetch?: FetchFunction
  clock?: Clock
  sleep?: Sleep
  random?: () => number
  log?: PlatformLog
  retry?: RetryPolicy
  /** Per request (headers and body); uploads get `uploadTimeoutMs`. */
  timeoutMs?: number
  uploadTimeoutMs?: number
  tokenTimeoutMs?: number
  /** Answers larger than this are refused (8 MB: a 1 MB photo as base64 fits many times). */
  maxResponseBytes?: number
  onSettled?: (error: BridgeError | null) => void
}

export interface UploadFile {
  fileName: string
  fileType: string
  bytes: Uint8Array
}

/**
 * The only code that talks to the booking platform (PLATFORM.md, "Endpoints"): one method per
 * endpoint, each answering a typed result. It applies no policy itself; `preflight.ts` does
 * that before `sendMessage` and `uploadAttachment` are called.
 */
export class PlatformClient {
  readonly breaker: CircuitBreaker
  readonly #transport: PlatformTransport
  readonly #uploadTimeoutMs: number

  constructor(options: PlatformClientOptions) {
    const clock = options.clock ?? systemClock
    const fetchFn = options.fetch ?? ((input, init) => fetch(input, init))
    const log = options.log ?? silentLog
    this.breaker = options.breaker ?? new CircuitBreaker(clock)
    this.#uploadTimeoutMs = options.uploadTimeoutMs ?? 60_000
    let transport: PlatformTransport | null = null
    const tokens = new TokenSource({
      accountId: options.account.id,
      baseUrl: options.account.baseUrl,
      clientId: options.account.clientId,
      secret: options.secret,
      fetch: fetchFn,
      clock,
      ledger: options.ledger ?? new ExchangeLedger(),
      log,
      timeoutMs: options.tokenTimeoutMs ?? 15_000,
      observe: (outcome) => transport?.observe(outcome),
    })
    transport = new PlatformTransport({
      accountId: options.account.id,
      baseUrl: options.account.baseUrl,
      fetch: fetchFn,
      clock,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      tokens,
      breaker: this.breaker,
      log,
      retry: options.retry ?? defaultRetryPolicy,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxResponseBytes: options.maxResponseBytes ?? 8 * 1024 * 1024,
      onSettled: options.onSettled,
    })
    this.#transport = transport
  }

  #get<S extends z.ZodType>(path: string, schema: S): Promise<PlatformResult<z.output<S>>> {
    return this.#transport.call({ method: 'GET', path, schema, retry: 'always' })
  }

  #call<S extends z.ZodType>(spec: CallSpec<S>): Promise<PlatformResult<z.output<S>>> {
    return this.#transport.call(spec)
  }

  async properties(): Promise<PlatformResult<Property[]>> {
    return mapValue(
      await this.#get(paths.properties(), propertiesResponseSchema),
      (data) => data.properties,
    )
  }

  reservations(
    propertyId: string,
    query: { updatedSince?: string; pageId?: string } = {},
  ): Promise<PlatformResult<ReservationsResponse>> {
    return this.#get(
      paths.reservations(propertyId, query.updatedSince, query.pageId),
      reservationsResponseSchema,
    )
  }

  /** Every page of the reservations feed, followed in order. */
  async allReservations(
    propertyId: string,
    updatedSince?: string,
  ): Promise<PlatformResult<Reservation[]>> {
    const reservations: Reservation[] = []
    let pageId: string | undefined
    let last: PlatformResult<ReservationsResponse>
    do {
      last = await this.reservations(propertyId, { updatedSince, pageId })
      if (!last.ok) return last
      reservations.push(...last.value.reservations)
      pageId = last.value.next_page_id ?? undefined
    } while (pageId)
    return { ...last, value: reservations }
  }

  latestMessages(): Promise<PlatformResult<QueuePage>> {
    return this.#get(paths.latestMessages(), queuePageSchema)
  }

  confirmMessages(count: number): Promise<PlatformResult<QueueConfirmResult>> {
    return this.#call({
      method: 'PUT',
      path: paths.confirmMessages(count),
      schema: queueConfirmResultSchema,
      retry: 'when_unsent',
    })
  }

  conversations(
    propertyId: string,
    pageId?: string,
  ): Promise<PlatformResult<ConversationListPage>> {
    return this.#get(paths.conversations(propertyId, pageId), conversationListPageSchema)
  }

  async conversation(
    propertyId: string,
    conversationId: string,
  ): Promise<PlatformResult<Conversation>> {
    const result = await this.#get(
      paths.conversation(propertyId, conversationId),
      conversationResponseSchema,
    )
    return mapValue(result, (data) => data.conversation)
  }

  async conversationByReservation(
    propertyId: string,
    reservationId: string,
  ): Promise<PlatformResult<Conversation>> {
    const result = await this.#get(
      paths.reservationConversation(propertyId, reservationId),
      conversationResponseSchema,
    )
    return mapValue(result, (data) => data.conversation)
  }

  /** Never retried: an ambiguous failure answers `outcome_unknown`. */
  sendMessage(
    propertyId: string,
    conversationId: string,
    message: { content: string; attachmentIds: string[] },
  ): Promise<PlatformResult<SendMessageResult>> {
    return this.#call({
      method: 'POST',
      path: paths.conversation(propertyId, conversationId),
      body: { message: { content: message.content, attachment_ids: message.attachmentIds } },
      schema: sendMessageResultSchema,
      retry: 'never',
    })
  }

  /** Never retried, like a send; an orphan upload costs nothing, a lost one is re-uploaded. */
  uploadAttachment(
    propertyId: string,
    conversationId: string,
    file: UploadFile,
  ): Promise<PlatformResult<{ attachment_id: string }>> {
    const content = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
    return this.#call({
      method: 'POST',
      path: paths.attachments(propertyId, conversationId),
      body: {
        attachment: {
          file_name: file.fileName,
          file_type: file.fileType,
          file_size: file.bytes.byteLength,
          file_content: content.toString('base64'),
        },
      },
      schema: attachmentUploadResultSchema,
      retry: 'never',
      timeoutMs: this.#uploadTimeoutMs,
    })
  }

  attachmentMetadata(
    propertyId: string,
    conversationId: string,
    attachmentId: string,
  ): Promise<PlatformResult<AttachmentMetadata>> {
    return this.#get(
      paths.attachmentMetadata(propertyId, conversationId, attachmentId),
      attachmentMetadataSchema,
    )
  }

  async downloadAttachment(
    propertyId: string,
    conversationId: string,
    attachmentId: string,
  ): Promise<PlatformResult<Uint8Array<ArrayBuffer>>> {
    const result = await this.#get(
      paths.attachment(propertyId, conversationId, attachmentId),
      attachmentDownloadSchema,
    )
    // A copy of its own: a small Buffer is a slice of a shared pool, and IPC would clone the
    // whole pool along with it.
    return mapValue(result, (data) => new Uint8Array(Buffer.from(data.file_content, 'base64')))
  }

  /** PUT sets, DELETE clears; both idempotent, so retried like reads. */
  setNoReplyNeeded(
    propertyId: string,
    conversationId: string,
    value: boolean,
  ): Promise<PlatformResult<unknown>> {
    const path = paths.noReplyNeededTag(propertyId, conversationId)
    return this.#call({
      method: value ? 'PUT' : 'DELETE',
      path,
      schema: tagResultSchema,
      retry: 'always',
    })
  }

  setMessageRead(
    propertyId: string,
    conversationId: string,
    read: { messageIds: string[]; participantId: string },
    value: boolean,
  ): Promise<PlatformResult<unknown>> {
    return this.#call({
      method: value ? 'PUT' : 'DELETE',
      path: paths.messageReadTag(propertyId, conversationId),
      body: { message_ids: read.messageIds, participant_id: read.participantId },
      schema: tagResultSchema,
      retry: 'always',
    })
  }

  startSearch(query: {
    after: string
    before: string
    propertyId?: string
  }): Promise<PlatformResult<SearchJob>> {
    return this.#get(paths.search(query), searchJobSchema)
  }

  searchResult(jobId: string, pageId?: string): Promise<PlatformResult<SearchResult>> {
    return this.#get(paths.searchResult(jobId, pageId), searchResultSchema)
  }
}

function mapValue<T, U>(result: PlatformResult<T>, map: (value: T) => U): PlatformResult<U> {
  return result.ok ? { ...result, value: map(result.value) } : result
}
