import { addDaysInZone, addYearsInZone } from '../time'
import { checkoutInstant } from './checkout'
import type { PolicyConversation } from './context'
import { decide, reason, type PolicyDecision, type PolicyReason } from './reasons'

// Rules 1, 2 and 3: when the property may write, and how long the conversation may be read.
// Every "N days after" is N calendar days at the same wall-clock time in the property's zone,
// so a daylight-saving change never moves a deadline by an hour. Windows are half-open:
// open from their first instant, closed at their last (`now >= closesAt` is closed).

export const SEND_WINDOW_DAYS_AFTER_END = 7
export const REPLY_WINDOW_DAYS = 14
export const READ_WINDOW_YEARS = 1

export interface SendWindowDecision extends PolicyDecision {
  /** Rule 1: writing is possible from the booking on. Null when the reservation is unknown. */
  opensAt: number | null
  /** When writing stops being possible: the later of rule 1's and rule 2's ends. */
  closesAt: number | null
  /** Rule 1 alone: check-out (or cancellation) + 7 days. */
  baseClosesAt: number | null
  /** Rule 2 alone: the last guest message + 14 days, or null when the guest never wrote. */
  replyClosesAt: number | null
}

export interface ReadWindowDecision extends PolicyDecision {
  /** Rule 3: check-out (or cancellation) + 1 year; null when the reservation is unknown. */
  closesAt: number | null
  /** True from `closesAt` on: purge locally, the platform refuses it. */
  expired: boolean
}

/** Rule 1's end: 7 days after check-out, or after cancellation for a cancelled booking. */
export function baseSendWindowEnd(conversation: PolicyConversation): number | null {
  const { reservation, property } = conversation
  if (!reservation) return null
  if (reservation.cancelledAt !== null) {
    return addDaysInZone(reservation.cancelledAt, SEND_WINDOW_DAYS_AFTER_END, property.timeZone)
  }
  const checkout = checkoutInstant(reservation.checkout, property)
  if (Number.isNaN(checkout)) return null
  return addDaysInZone(checkout, SEND_WINDOW_DAYS_AFTER_END, property.timeZone)
}

/** Rule 2's end: 14 days after the guest's last message. */
export function replyWindowEnd(conversation: PolicyConversation): number | null {
  const { lastGuestMessageAt, property } = conversation
  if (lastGuestMessageAt === null) return null
  return addDaysInZone(lastGuestMessageAt, REPLY_WINDOW_DAYS, property.timeZone)
}

/** Rules 1 and 2: may the property send now, and until when. */
export function evaluateSendWindow(
  conversation: PolicyConversation,
  now: number,
): SendWindowDecision {
  const baseClosesAt = baseSendWindowEnd(conversation)
  const replyClosesAt = replyWindowEnd(conversation)
  const opensAt = conversation.reservation?.bookedAt ?? null
  if (opensAt === null || baseClosesAt === null) {
    const reasons = [reason('sendWindowUnknown')]
    return { ...decide(reasons), opensAt, closesAt: null, baseClosesAt, replyClosesAt }
  }
  // Rule 2 only ever extends: a guest message never shortens rule 1's window.
  const extended = replyClosesAt !== null && replyClosesAt > baseClosesAt
  const closesAt = extended ? replyClosesAt : baseClosesAt
  const reasons: PolicyReason[] = []
  if (now < opensAt) reasons.push(reason('sendWindowNotOpen', { from: opensAt }))
  else if (now >= closesAt) reasons.push(reason('sendWindowClosed', { until: closesAt }))
  else
    reasons.push(
      reason(extended ? 'replyWindowOpenUntil' : 'sendWindowOpenUntil', { until: closesAt }),
    )
  return { ...decide(reasons), opensAt, closesAt, baseClosesAt, replyClosesAt }
}

/** Rule 3's end: 1 year after check-out, or after cancellation for a cancelled booking. */
export function readWindowEnd(conversation: PolicyConversation): number | null {
  const { reservation, property } = conversation
  if (!reservation) return null
  const from = reservation.cancelledAt ?? checkoutInstant(reservation.checkout, property)
  if (Number.isNaN(from)) return null
  return addYearsInZone(from, READ_WINDOW_YEARS, property.timeZone)
}

/** Rule 3: may the conversation still be read (and kept) at `now`. */
export function evaluateReadWindow(
  conversation: PolicyConversation,
  now: number,
): ReadWindowDecision {
  const closesAt = readWindowEnd(conversation)
  if (closesAt === null || now < closesAt) return { ...decide([]), closesAt, expired: false }
  return {
    ...decide([reason('conversationExpired', { until: closesAt })]),
    closesAt,
    expired: true,
  }
}
