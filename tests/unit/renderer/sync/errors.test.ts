import { describe, expect, it } from 'vitest'
import { reason } from '@shared/policy'
import { classify } from '@/sync/errors'

describe('classifying bridge failures', () => {
  it.each([
    ['offline', false, 'offline'],
    ['rate_limited', false, 'rate_limited'],
    ['unknown_outcome', true, 'unknown_outcome'],
    ['outcome_unknown', false, 'unknown_outcome'],
    ['timeout', true, 'unknown_outcome'],
    ['malformed_response', true, 'unknown_outcome'],
    // The web host did not answer a send: it may have died after passing it on (issue 12).
    ['unavailable', true, 'unknown_outcome'],
    ['unavailable', false, 'offline'],
    ['timeout', false, 'transient'],
    ['platform_unavailable', false, 'transient'],
    ['policy_refused', true, 'permanent'],
    ['platform_refused', true, 'permanent'],
    ['expired', false, 'expired'],
    ['auth_failed', false, 'account'],
    ['unauthorized', false, 'account'],
  ])('%s (write: %s) is %s', (code, write, kind) => {
    expect(classify({ code, message: '' }, { write }).kind).toBe(kind)
  })

  it('reads a 410 as expired and the facts from details or from the error itself', () => {
    expect(classify({ code: 'not_found', message: '', status: 410 }).kind).toBe('expired')
    expect(classify({ code: 'not_found', message: '', details: { status: 404 } }).kind).toBe(
      'permanent',
    )
    expect(
      classify({ code: 'rate_limited', message: '', details: { retryAfterMs: 5 } }).retryAfterMs,
    ).toBe(5)
    expect(classify({ code: 'rate_limited', message: '', retryAfterMs: 7 }).retryAfterMs).toBe(7)
    const reasons = [reason('linksDisabled')]
    expect(classify({ code: 'policy_refused', message: '', reasons }).reasons).toEqual(reasons)
  })
})
