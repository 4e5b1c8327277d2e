import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createStay, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
  // The auth host is faulted too: take the token before any fault is on.
  await box.api('GET', '/properties')
})
afterEach(() => box.control('POST', '/faults', {}))
afterAll(() => box.close())

describe('injected faults', () => {
  it('answers 429 with Retry-After, or a 5xx, at the given rate', async () => {
    await box.control('POST', '/faults', { error_rate: 1, status: 429, retry_after_s: 7 })
    const limited = await box.api('GET', '/properties')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(limited.body.errors[0].code).toBe('rate_limited')
    await box.control('POST', '/faults', { error_rate: 1, status: 502 })
    expect((await box.api('GET', '/properties')).status).toBe(502)
  })

  it('slows answers down by latency_ms', async () => {
    await box.control('POST', '/faults', { latency_ms: 150 })
    const started = Date.now()
    await box.api('GET', '/properties')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('cuts connections during an outage, and {} clears every fault', async () => {
    await box.control('POST', '/faults', { outage: true })
    await expect(box.api('GET', '/properties')).rejects.toThrow()
    await box.control('POST', '/faults', {})
    expect((await box.api('GET', '/properties')).status).toBe(200)
  })

  it('applies a write before cutting the connection with drop_after_commit, and not at all without it', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}`
    await box.control('POST', '/faults', { drop_rate: 1 })
    await expect(
      box.api('POST', path, { body: { message: { content: 'lost before' } } }),
    ).rejects.toThrow()
    await box.control('POST', '/faults', { drop_rate: 1, drop_after_commit: true })
    await expect(
      box.api('POST', path, { body: { message: { content: 'applied, answer lost' } } }),
    ).rejects.toThrow()
    await box.control('POST', '/faults', {})
    const contents = (
      (await box.control('GET', '/sent')).body.messages as { content: string }[]
    ).map((m) => m.content)
    expect(contents).toContain('applied, answer lost')
    expect(contents).not.toContain('lost before')
  })

  it('strikes only the listed methods: a send is cut after commit while reads still answer', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}`
    await box.control('POST', '/faults', {
      drop_rate: 1,
      drop_after_commit: true,
      methods: ['POST'],
    })
    expect((await box.api('GET', path)).status).toBe(200)
    await expect(
      box.api('POST', path, { body: { message: { content: 'only the answer is lost' } } }),
    ).rejects.toThrow()
    await box.control('POST', '/faults', { latency_ms: 300, methods: ['DELETE'] })
    const started = Date.now()
    await box.api('GET', path)
    expect(Date.now() - started).toBeLessThan(250)
    await box.control('POST', '/faults', {})
    const contents = (
      (await box.control('GET', '/sent')).body.messages as { content: string }[]
    ).map((m) => m.content)
    expect(contents).toContain('only the answer is lost')
  })

  it('refuses an unknown method in the filter', async () => {
    expect((await box.control('POST', '/faults', { methods: ['PATCH'] })).status).toBe(400)
  })

  it('never touches the control API', async () => {
    await box.control('POST', '/faults', { outage: true })
    expect((await box.control('GET', '/clock')).status).toBe(200)
  })
})
