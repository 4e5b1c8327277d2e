import { describe, expect, it } from 'vitest'
import type { PolicyConversation } from '@shared/policy'
import { previewTemplate } from '@shared/templates'
import { at, context } from './builders'

const conversation = (linksDisabled: boolean): PolicyConversation => ({
  conversationType: 'reservation',
  property: { timeZone: 'Europe/Lisbon', checkoutTime: '12:00', linksDisabled, approvedLinks: [] },
  reservation: {
    reference: '4380765874',
    bookedAt: at('2024-01-10T09:00:00Z'),
    checkin: '2024-03-01',
    checkout: '2024-03-04',
    cancelledAt: null,
  },
  lastGuestMessageAt: null,
})
const now = at('2024-02-20T12:00:00Z')

describe('previewTemplate', () => {
  it('judges the rendered text, not the template: a link in a fact is blocked when links are off (rule 5)', () => {
    const ctx = context({
      facts: {
        ...context().facts!,
        directions: { default: 'See https://maps.example.com/x', byLanguage: {} },
      },
    })
    const preview = previewTemplate(
      'Directions: {{facts.directions}}',
      ctx,
      'en',
      conversation(true),
      now,
    )
    expect(preview.rendered.text).toBe('Directions: See https://maps.example.com/x')
    expect(preview.decision.allowed).toBe(false)
    expect(preview.decision.reasons.map((r) => r.code)).toContain('linksDisabled')
  })

  it('counts characters as rule 11 does and lets a clean text through', () => {
    const preview = previewTemplate(
      'Olá {{guest.firstName}} 🛎',
      context(),
      'pt',
      conversation(false),
      now,
    )
    expect(preview.rendered.text).toBe('Olá Ana 🛎')
    expect(preview.characters).toBe(9)
    expect(preview.decision.allowed).toBe(true)
  })

  it('does not take the reservation number for a phone number: the policy knows the reference', () => {
    const body = 'Booking {{reservation.number}}'
    const codes = (c: PolicyConversation) =>
      previewTemplate(body, context(), 'en', c, now).decision.reasons.map((r) => r.code)
    const unknownReference = {
      ...conversation(false),
      reservation: { ...conversation(false).reservation!, reference: null },
    }
    expect(codes(unknownReference)).toContain('phoneNumber')
    expect(codes(conversation(false))).not.toContain('phoneNumber')
  })
})
