import { z } from 'zod'
import {
  attachmentMetadataSchema,
  conversationListPageSchema,
  conversationSchema,
  isoInstantSchema,
  propertySchema,
  QUEUE_PAGE_MAX,
  queuePageSchema,
  reservationSchema,
  SEARCH_RANGE_MAX_DAYS,
  searchResultSchema,
} from '../platform'
import {
  accountDraftSchema,
  accountIdSchema,
  accountListSchema,
  accountSummarySchema,
  connectionTestResultSchema,
  connectionTestSchema,
  platformStatusSchema,
} from './account-schemas'

// The channels behind which the Node side's PlatformClient talks to the booking platform, as
// agreed in PLATFORM-CHANNELS.md. Arguments are one camelCase object made by the UI; results
// that are platform objects pass through in the platform's own shape (shared/platform),
// already validated.

const id = z.string().min(1).max(200)
const pageId = z.string().min(1).max(4096)
const conversationRef = { propertyId: id, conversationId: id }

/** Larger than rule 4's 1 MB on purpose: the policy, not the validator, explains a big photo. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024
/** Far above rule 11's limit, for the same reason. */
const MAX_CONTENT_CHARS = 100_000
const DAY_MS = 24 * 60 * 60 * 1000

export const sendArgsSchema = z.strictObject({
  ...conversationRef,
  content: z.string().max(MAX_CONTENT_CHARS),
  attachmentIds: z.array(id).max(20).default([]),
  /** The outbox record's id: a repeat while the host runs joins the first send, never a second. */
  idempotencyKey: z.string().min(1).max(200).optional(),
})

export const uploadArgsSchema = z.strictObject({
  ...conversationRef,
  fileName: z.string().min(1).max(255),
  fileType: z.string().min(1).max(100),
  bytes: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.length <= MAX_UPLOAD_BYTES, 'larger than 4 MiB'),
})

export const tagArgsSchema = z.discriminatedUnion('tag', [
  z.strictObject({ tag: z.literal('no_reply_needed'), ...conversationRef }),
  z.strictObject({
    tag: z.literal('message_read'),
    ...conversationRef,
    messageIds: z.array(id).min(1).max(100),
    participantId: id,
  }),
])
export type TagArgs = z.infer<typeof tagArgsSchema>

export const searchArgsSchema = z
  .strictObject({ after: isoInstantSchema, before: isoInstantSchema, propertyId: id.optional() })
  .refine((range) => range.before > range.after, 'before must be later than after')
  .refine(
    (range) => Date.parse(range.before) - Date.parse(range.after) <= SEARCH_RANGE_MAX_DAYS * DAY_MS,
    `a search covers at most ${SEARCH_RANGE_MAX_DAYS} days`,
  )

const sendResultSchema = z.object({
  messageId: z.string(),
  /** The platform's warnings, e.g. `link_removed` (rule 5). */
  warnings: z.array(z.object({ code: z.string().nullable(), message: z.string() })),
})

const attachmentResultSchema = z.object({
  metadata: attachmentMetadataSchema,
  /** The file; null when only the metadata was asked for. A `Uint8Array`, never base64. */
  bytes: z.instanceof(Uint8Array).nullable(),
})

const ref = z.strictObject({ accountId: accountIdSchema })

export const platformInvokeContract = {
  /** The active account and whether its platform answers. */
  'platform:status': { args: z.tuple([]), result: platformStatusSchema },
  /** The built-in platform first, then every added account; `active` marks the one in use. */
  'accounts:list': { args: z.tuple([]), result: accountListSchema },
  /** Exchanges a token and lists properties with a stored account or typed credentials. */
  'accounts:test': { args: z.tuple([connectionTestSchema]), result: connectionTestResultSchema },
  /**
   * Adds an account (its secret goes to the host's secret store) and makes it active. The
   * same base URL and client id again updates that account instead of adding a twin.
   */
  'accounts:add': { args: z.tuple([accountDraftSchema]), result: accountSummarySchema },
  /** Removes an added account and its secret; the active one falls back to the built-in platform. */
  'accounts:remove': { args: z.tuple([ref]), result: z.null() },
  /** Makes an account (or `sandbox`, the built-in platform) the one this desk talks to. */
  'accounts:activate': { args: z.tuple([ref]), result: accountSummarySchema },
  /** `GET /properties`: what the active account may manage. */
  'properties:list': { args: z.tuple([]), result: z.array(propertySchema) },
  /** `GET /properties/{id}/reservations`, every page, oldest change first. */
  'reservations:list': {
    args: z.tuple([z.strictObject({ propertyId: id, updatedSince: isoInstantSchema.optional() })]),
    result: z.array(reservationSchema),
  },
  /** `GET /messages/latest`: up to 100 queued messages; store them, then confirm. */
  'sync:pullLatest': { args: z.tuple([]), result: queuePageSchema },
  /** `PUT /messages?number_of_messages=N`: drops the N oldest from the queue. */
  'sync:confirm': {
    args: z.tuple([z.strictObject({ count: z.number().int().min(1).max(QUEUE_PAGE_MAX) })]),
    result: z.null(),
  },
  /** One page of a property's conversations, each with its latest message only. */
  'conversations:list': {
    args: z.tuple([z.strictObject({ propertyId: id, pageId: pageId.optional() })]),
    result: conversationListPageSchema,
  },
  /** One conversation with all its messages. */
  'conversations:get': {
    args: z.tuple([z.strictObject(conversationRef)]),
    result: conversationSchema,
  },
  /** The conversation of a reservation. */
  'conversations:byReservation': {
    args: z.tuple([z.strictObject({ propertyId: id, reservationId: z.string().min(1).max(100) })]),
    result: conversationSchema,
  },
  /**
   * Sends a message after the policy preflight. `policy_refused` carries the reasons;
   * `unknown_outcome` means it may have been sent: reconcile with `conversations:get`.
   */
  'messages:send': { args: z.tuple([sendArgsSchema]), result: sendResultSchema },
  /** Uploads one image after the policy preflight; then send a message listing its id. */
  'attachments:upload': {
    args: z.tuple([uploadArgsSchema]),
    result: z.object({ attachmentId: z.string() }),
  },
  /** An attachment's metadata and, unless `withContent` is false, its bytes. */
  'attachments:get': {
    args: z.tuple([
      z.strictObject({
        ...conversationRef,
        attachmentId: id,
        withContent: z.boolean().default(true),
      }),
    ]),
    result: attachmentResultSchema,
  },
  /** Sets `no_reply_needed`, or marks messages read (`message_read`). */
  'tags:set': { args: z.tuple([tagArgsSchema]), result: z.null() },
  /** Clears the same tags. */
  'tags:clear': { args: z.tuple([tagArgsSchema]), result: z.null() },
  /** Starts a message search job (≤ 90 days) to backfill lost messages. */
  'search:start': { args: z.tuple([searchArgsSchema]), result: z.object({ jobId: z.string() }) },
  /** A search job's state and, once ready, one page of its messages. */
  'search:result': {
    args: z.tuple([z.strictObject({ jobId: id, pageId: pageId.optional() })]),
    result: searchResultSchema,
  },
} as const

export const platformEventContract = {
  /** The active account changed, or its platform went online or offline. */
  'platform:statusChanged': platformStatusSchema,
  /** An account was added, removed or activated (from any window or host). */
  'accounts:changed': accountListSchema,
} as const
