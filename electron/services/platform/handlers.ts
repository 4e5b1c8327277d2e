import type { InvokeChannel } from '../../../shared/bridge/channels'
import type { InvokeResult } from '../../../shared/bridge/contract'
import { BridgeFailure } from '../../../shared/bridge/result'
import type { BridgeHandlers } from '../bridge-dispatch'
import type { PlatformConnection } from './connection'
import { explainSendRefusal, preflightSend, preflightUpload } from './preflight'
import { SendLedger } from './send-ledger'
import type { PlatformResult } from './types'

type PlatformDomain =
  | 'properties'
  | 'reservations'
  | 'sync'
  | 'conversations'
  | 'messages'
  | 'attachments'
  | 'tags'
  | 'search'
type PlatformChannel = Extract<InvokeChannel, `${PlatformDomain}:${string}`>

/** The value of a result, or the failure thrown for `dispatch` to answer with. */
export function valueOf<T>(result: PlatformResult<T>): T {
  if (!result.ok) throw BridgeFailure.from(result.error)
  return result.value
}

/** The channels that reach the platform through the active account's client. */
export function createPlatformHandlers(
  connection: PlatformConnection,
): Pick<BridgeHandlers, PlatformChannel> {
  const use = () => connection.use()
  const sends = new SendLedger<InvokeResult<'messages:send'>>()
  return {
    'properties:list': async () => valueOf(await (await use()).client.properties()),
    'reservations:list': async ({ propertyId, updatedSince }) =>
      valueOf(await (await use()).client.allReservations(propertyId, updatedSince)),
    'sync:pullLatest': async () => valueOf(await (await use()).client.latestMessages()),
    'sync:confirm': async ({ count }) => {
      valueOf(await (await use()).client.confirmMessages(count))
      return null
    },
    'conversations:list': async ({ propertyId, pageId }) =>
      valueOf(await (await use()).client.conversations(propertyId, pageId)),
    'conversations:get': async ({ propertyId, conversationId }) =>
      valueOf(await (await use()).client.conversation(propertyId, conversationId)),
    'conversations:byReservation': async ({ propertyId, reservationId }) =>
      valueOf(await (await use()).client.conversationByReservation(propertyId, reservationId)),
    // A repeat with the same idempotency key joins the send in flight or gets its answer.
    'messages:send': (draft) =>
      sends.run(draft.idempotencyKey, async () => {
        const { client, facts } = await use()
        const check = await preflightSend(client, facts, connection.clock, draft)
        if (!check.ok) throw BridgeFailure.from(check.error)
        const sent = await client.sendMessage(draft.propertyId, draft.conversationId, draft)
        if (!sent.ok)
          throw BridgeFailure.from(await explainSendRefusal(client, facts, draft, sent.error))
        const result = valueOf(sent)
        const warnings = sent.ok ? sent.warnings : []
        return {
          messageId: result.message_id,
          warnings: warnings.map(({ code, message }) => ({ code, message })),
        }
      }),
    'attachments:upload': async (file) => {
      const { client, facts } = await use()
      const check = await preflightUpload(client, facts, connection.clock, file)
      if (!check.ok) throw BridgeFailure.from(check.error)
      // Rule 4: the type the bytes show, not the one the file claims.
      const upload = { ...file, fileType: check.value.detectedType }
      const uploaded = valueOf(
        await client.uploadAttachment(file.propertyId, file.conversationId, upload),
      )
      return { attachmentId: uploaded.attachment_id }
    },
    'attachments:get': async ({ propertyId, conversationId, attachmentId, withContent }) => {
      const { client } = await use()
      const metadata = valueOf(
        await client.attachmentMetadata(propertyId, conversationId, attachmentId),
      )
      if (!withContent) return { metadata, bytes: null }
      const bytes = valueOf(
        await client.downloadAttachment(propertyId, conversationId, attachmentId),
      )
      return { metadata, bytes }
    },
    'tags:set': async (tag) => setTag(connection, tag, true),
    'tags:clear': async (tag) => setTag(connection, tag, false),
    'search:start': async (query) => ({
      jobId: valueOf(await (await use()).client.startSearch(query)).job_id,
    }),
    'search:result': async ({ jobId, pageId }) =>
      valueOf(await (await use()).client.searchResult(jobId, pageId)),
  }
}

async function setTag(
  connection: PlatformConnection,
  tag: Parameters<BridgeHandlers['tags:set']>[0],
  value: boolean,
): Promise<null> {
  const { client } = await connection.use()
  const { propertyId, conversationId } = tag
  valueOf(
    tag.tag === 'no_reply_needed'
      ? await client.setNoReplyNeeded(propertyId, conversationId, value)
      : await client.setMessageRead(propertyId, conversationId, tag, value),
  )
  return null
}
