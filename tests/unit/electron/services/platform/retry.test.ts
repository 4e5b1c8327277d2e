import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  defaultRetryPolicy,
  fullJitterDelay,
  parseRetryAfter,
  retryDelay,
} from '../../../../../electron/services/platform/retry'
import { createStay } from '../../../sandbox/harness'
import { platformHarness, setFaults } from './harness'
import type { Harness } from './harness'

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxWaitMs: 5_000 }

describe('Retry-After', () => {
  const now = Date.parse('2025-06-15T10:00:00.000Z')
  it.each([
    ['seconds', '3', 3_000],
    ['zero', '0', 0],
    ['an HTTP-date', 'Sun, 15 Jun 2025 10:00:07 GMT', 7_000],
    ['a date in the past', 'Sun, 15 Jun 2025 09:00:00 GMT', 0],
    ['an absurd value, capped at an hour', '999999', 3_600_000],
  ])('reads %s', (_name, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected)
  })

  it.each([null, '', 'soon', '-5', '1.5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull()
  })
})

describe('full-jitter backoff', () => {
  it('waits a random share of an exponentially growing ceiling', () => {
    expect([0, 1, 2, 3, 4].map((n) => fullJitterDelay(n, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ])
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0)
  })

  it('retries transport failures and 5xx, a bounded number of times', () => {
    const offline = {
      code: 'offline' as const,
      message: '',
      details: { cause: 'connection_reset' as const },
    }
    expect(retryDelay(offline, 0, policy, () => 0.5)).toBe(50)
    expect(retryDelay(offline, 3, policy, () => 0.5)).toBeNull()
    expect(retryDelay({ code: 'platform_refused', message: '' }, 0, policy, () => 0.5)).toBeNull()
    expect(
      retryDelay({ ...offline, details: { cause: 'breaker_open' } }, 0, policy, () => 0.5),
    ).toBeNull()
  })

  it('waits out a short Retry-After and hands a long one back to the caller', () => {
    const limited = (retryAfterMs: number) => ({
      code: 'rate_limited' as const,
      message: '',
      details: { retryAfterMs },
    })
    expect(retryDelay(limited(2_000), 0, policy, () => 0.5)).toBe(2_000)
    expect(retryDelay(limited(60_000), 0, policy, () => 0.5)).toBeNull()
  })

  it('has product defaults that give up within a few seconds', () => {
    const worst = [0, 1, 2].reduce(
      (sum, n) => sum + fullJitterDelay(n, defaultRetryPolicy, () => 1),
      0,
    )
    expect(worst).toBeLessThanOrEqual(2_000)
  })
})

describe('retries against the sandbox', () => {
  let h: Harness
  let stay: { propertyId: string; conversationId: string }
  beforeAll(async () => {
    h = await platformHarness()
    stay = await createStay(h.box)
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    // A token first, so the faults below strike the request under test.
    await h.client.properties()
    h.sleeps.length = 0
    h.calls.length = 0
  })
  afterEach(async () => {
    h.onSleep.current = () => {}
    await setFaults(h.box, {})
  })

  it('honour a 429 Retry-After on a read, then succeed', async () => {
    await setFaults(h.box, { error_rate: 1, status: 429, retry_after_s: 2 })
    h.onSleep.current = () => setFaults(h.box, {})
    const result = await h.client.conversations(stay.propertyId)
    expect(result.ok).toBe(true)
    expect(h.sleeps).toEqual([2_000])
  })

  it('honour a 503 Retry-After the same way', async () => {
    await setFaults(h.box, { error_rate: 1, status: 503, retry_after_s: 1 })
    h.onSleep.current = () => setFaults(h.box, {})
    expect((await h.client.properties()).ok).toBe(true)
    expect(h.sleeps).toEqual([1_000])
  })

  it('hand a long Retry-After back instead of waiting', async () => {
    await setFaults(h.box, { error_rate: 1, status: 429, retry_after_s: 120 })
    const result = await h.client.properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', details: { retryAfterMs: 120_000 } },
    })
    expect(h.sleeps).toEqual([])
  })

  it('back off with jitter on 5xx without Retry-After, then give up', async () => {
    await setFaults(h.box, { error_rate: 1, status: 500 })
    const result = await h.newClient({ breaker: undefined }).properties()
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'platform_unavailable', details: { status: 500 } },
    })
    // random() is 0.5: half of 250, 500, 1000.
    expect(h.sleeps).toEqual([125, 250, 500])
  })

  it('never retry a send on 429: the outbox decides when', async () => {
    await setFaults(h.box, { error_rate: 1, status: 429, retry_after_s: 1 })
    const result = await h.client.sendMessage(stay.propertyId, stay.conversationId, {
      content: 'Hello',
      attachmentIds: [],
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', details: { retryAfterMs: 1_000 } },
    })
    expect(h.sleeps).toEqual([])
    expect(h.calls.filter((c) => c.method === 'POST')).toHaveLength(1)
  })
})
