import { evaluateAttachments, type AttachmentFinding } from './attachments'
import { checkoutInstant } from './checkout'
import { evaluateContactDetails, type ContactFindings } from './contact'
import {
  DEFAULT_POLICY_CONFIG,
  type Draft,
  type PolicyConfig,
  type PolicyConversation,
} from './context'
import { evaluateLength } from './length'
import { evaluateLinks, type FoundLink } from './links'
import { evaluatePaymentRequests } from './payment'
import { decide, type PolicyDecision } from './reasons'
import type { TextFinding } from './scanText'
import { evaluateSelfService } from './selfService'
import { evaluateReadWindow, evaluateSendWindow } from './windows'

/** The instants a desk shows ("you can reply until …"); epoch ms, null when unknown. */
export interface SendInstants {
  checkoutAt: number | null
  sendWindowOpensAt: number | null
  sendWindowClosesAt: number | null
  replyWindowClosesAt: number | null
  readWindowClosesAt: number | null
}

/** Everything the policy says about sending `draft` now. Plain data: it crosses the bridge. */
export interface SendDecision extends PolicyDecision {
  instants: SendInstants
  attachments: AttachmentFinding[]
  links: FoundLink[]
  contacts: ContactFindings
  payments: TextFinding[]
}

/**
 * All the messaging rules (PLATFORM.md 1–6 and 11, plus self-service requests) for one draft,
 * combined: allowed unless a reason blocks; every reason, blocking ones first. Pure: `now` is
 * the caller's clock, in epoch ms.
 */
export function evaluateSend(
  conversation: PolicyConversation,
  draft: Draft,
  now: number,
  overrides: Partial<PolicyConfig> = {},
): SendDecision {
  const config: PolicyConfig = { ...DEFAULT_POLICY_CONFIG, ...overrides }
  const read = evaluateReadWindow(conversation, now)
  const window = evaluateSendWindow(conversation, now)
  const length = evaluateLength(draft.text, config)
  const attachments = evaluateAttachments(conversation, draft, config)
  const contacts = evaluateContactDetails(draft.text, conversation, config)
  // An address's domain is not also a link.
  const links = evaluateLinks(draft.text, conversation.property, config, contacts.emails)
  const payments = evaluatePaymentRequests(draft.text, links.links)
  const selfService = evaluateSelfService(conversation)
  const reasons = [
    read,
    window,
    length,
    attachments,
    links,
    contacts,
    payments,
    selfService,
  ].flatMap((part) => part.reasons)
  const reservation = conversation.reservation
  const checkoutAt = reservation
    ? checkoutInstant(reservation.checkout, conversation.property)
    : NaN
  return {
    ...decide(reasons),
    instants: {
      checkoutAt: Number.isNaN(checkoutAt) ? null : checkoutAt,
      sendWindowOpensAt: window.opensAt,
      sendWindowClosesAt: window.closesAt,
      replyWindowClosesAt: window.replyClosesAt,
      readWindowClosesAt: read.closesAt,
    },
    attachments: attachments.attachments,
    links: links.links,
    contacts: { emails: contacts.emails, phones: contacts.phones },
    payments: payments.payments,
  }
}
