import type { BridgeError } from '../../../shared/bridge/result'
import type { Conversation } from '../../../shared/platform'
import {
  decide,
  DEFAULT_POLICY_CONFIG,
  evaluateAttachments,
  evaluateReadWindow,
  evaluateSend,
  evaluateSendWindow,
  policyConversationFrom,
  reason,
} from '../../../shared/policy'
import type { ImageType, PolicyConversation, PolicyDecision } from '../../../shared/policy'
import type { PlatformClient } from './client'
import type { PolicyFacts } from './facts'
import { problem } from './types'
import type { Clock } from './types'

// The policy preflight (ARCHITECTURE.md, "One policy, three places", second place): a send or
// an upload that breaks the messaging rules is refused here, with the decision's reasons,
// before any request that writes leaves the machine. The facts come from the platform
// itself (property and reservation feeds, the conversation's messages), never from the UI.

export type Preflight<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

interface Target {
  propertyId: string
  conversationId: string
}

async function policyConversation(
  client: PlatformClient,
  facts: PolicyFacts,
  target: Target,
): Promise<Preflight<{ policy: PolicyConversation; conversation: Conversation }>> {
  const property = await facts.property(target.propertyId)
  if (!property.ok) return property
  const conversation = await client.conversation(target.propertyId, target.conversationId)
  if (!conversation.ok) return conversation
  const reservation = await facts.reservation(target.propertyId, target.conversationId)
  if (!reservation.ok) return reservation
  const policy = policyConversationFrom({
    property: property.value,
    reservation: reservation.value,
    messages: conversation.value.messages,
    conversationType: conversation.value.conversation_type,
  })
  return { ok: true, value: { policy, conversation: conversation.value } }
}

function refused(decision: PolicyDecision): Preflight<never> {
  const blocking = decision.reasons.filter((item) => item.severity === 'block')
  const message = `The messaging rules block this: ${blocking.map((item) => item.code).join(', ')}.`
  return { ok: false, error: problem('policy_refused', message, { reasons: decision.reasons }) }
}

export async function preflightSend(
  client: PlatformClient,
  facts: PolicyFacts,
  clock: Clock,
  draft: Target & { content: string; attachmentIds: readonly string[] },
): Promise<Preflight<PolicyDecision>> {
  const context = await policyConversation(client, facts, draft)
  if (!context.ok) return context
  const { policy } = context.value
  const decision = evaluateSend(policy, { text: draft.content }, clock.now())
  // The images were checked when they were uploaded; what is left of rule 4 is where they go.
  const extra =
    draft.attachmentIds.length > 0 && policy.conversationType === 'request_to_book'
      ? [reason('attachmentsInRequestToBook', { count: draft.attachmentIds.length })]
      : []
  const combined = decide([...decision.reasons, ...extra])
  return combined.allowed ? { ok: true, value: combined } : refused(combined)
}

/**
 * An upload carries no text yet (the message that lists it comes next), so rule 4's "never
 * without text" is left to the send; the windows and the image rules apply now.
 */
export async function preflightUpload(
  client: PlatformClient,
  facts: PolicyFacts,
  clock: Clock,
  file: Target & { fileName: string; fileType: string; bytes: Uint8Array },
): Promise<Preflight<{ detectedType: ImageType }>> {
  const context = await policyConversation(client, facts, file)
  if (!context.ok) return context
  const { policy } = context.value
  const now = clock.now()
  const draft = {
    text: '',
    attachments: [{ fileName: file.fileName, declaredType: file.fileType, bytes: file.bytes }],
  }
  const attachments = evaluateAttachments(policy, draft, DEFAULT_POLICY_CONFIG)
  const decision = decide([
    ...evaluateReadWindow(policy, now).reasons,
    ...evaluateSendWindow(policy, now).reasons,
    ...attachments.reasons.filter((item) => item.code !== 'attachmentWithoutText'),
  ])
  const detectedType = attachments.attachments[0]?.detectedType
  if (!decision.allowed || !detectedType) return refused(decision)
  return { ok: true, value: { detectedType } }
}

/**
 * The platform refused a send for its window (`send_window_closed` / `send_window_not_open`):
 * the desk's preflight saw it open (its facts or its clock were behind, e.g. after a week
 * offline). The reasons say which window and until when, so the user reads the rule, not a
 * bare refusal. Null for any other refusal.
 */
export function windowRefusalReasons(
  policy: PolicyConversation,
  platformCodes: readonly string[],
): PolicyDecision['reasons'] | null {
  const closed = platformCodes.includes('send_window_closed')
  if (!closed && !platformCodes.includes('send_window_not_open')) return null
  // Judged at the far side of the window the platform named: its bounds come from the facts.
  const window = evaluateSendWindow(
    policy,
    closed ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER,
  )
  const reasons = window.reasons.filter((item) => item.severity === 'block')
  return reasons.length > 0 ? reasons : null
}

/** A send's failure, with the window's reasons added when the platform refused it for them. */
export async function explainSendRefusal(
  client: PlatformClient,
  facts: PolicyFacts,
  target: Target,
  error: BridgeError,
): Promise<BridgeError> {
  if (error.code !== 'platform_refused') return error
  const codes = error.details?.platformCodes ?? []
  if (!codes.some((code) => code.startsWith('send_window_'))) return error
  const context = await policyConversation(client, facts, target)
  if (!context.ok) return error
  const reasons = windowRefusalReasons(context.value.policy, codes)
  return reasons ? { ...error, details: { ...error.details, reasons } } : error
}
