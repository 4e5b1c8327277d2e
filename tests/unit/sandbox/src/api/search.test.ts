import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnvelope, searchJobSchema, searchResultSchema } from '../../../../../shared/platform'
import { createStay, guestWrites, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

const HOUR = 3_600_000

describe('message search jobs', () => {
  it('is pending at first, then ready with the messages of the range, then expired after 48 hours', async () => {
    const ids = await createStay(box)
    const inside = await guestWrites(box, ids, 'inside', { timestamp: '2025-06-10T12:00:00.000Z' })
    await guestWrites(box, ids, 'outside', { timestamp: '2025-06-01T12:00:00.000Z' })
    const started = await box.api(
      'GET',
      `/messages/search?after=2025-06-05T00:00:00.000Z&before=2025-06-12T00:00:00.000Z&property_id=${ids.propertyId}`,
    )
    const job = parseEnvelope(started.body, searchJobSchema)
    if (!job.ok) throw new Error(job.error.message)
    const resultPath = `/messages/search/result/${job.data.job_id}`
    const pending = parseEnvelope((await box.api('GET', resultPath)).body, searchResultSchema)
    expect(pending.ok && pending.data.status).toBe('pending')
    await box.control('POST', '/clock', { advance_ms: 2000 })
    const ready = parseEnvelope((await box.api('GET', resultPath)).body, searchResultSchema)
    if (!ready.ok) throw new Error(ready.error.message)
    expect(ready.data.status).toBe('ready')
    expect(ready.data.messages.map((m) => m.message_id)).toEqual([inside])
    await box.control('POST', '/clock', { advance_ms: 48 * HOUR })
    const expired = parseEnvelope((await box.api('GET', resultPath)).body, searchResultSchema)
    expect(expired.ok && expired.data.status).toBe('expired')
    await box.control('POST', '/clock', { advance_ms: -(48 * HOUR + 2000) })
  })

  it('refuses a range over 90 days, a reversed range and bad instants', async () => {
    const long = await box.api(
      'GET',
      '/messages/search?after=2025-01-01T00:00:00Z&before=2025-06-01T00:00:00Z',
    )
    expect(long.body.errors[0].code).toBe('search_range_too_long')
    const reversed = await box.api(
      'GET',
      '/messages/search?after=2025-06-01T00:00:00Z&before=2025-05-01T00:00:00Z',
    )
    expect(reversed.status).toBe(400)
    const garbage = await box.api('GET', '/messages/search?after=yesterday&before=today')
    expect(garbage.body.errors[0].code).toBe('invalid_request')
  })

  it('answers 404 for a job of another account', async () => {
    const job = await box.api(
      'GET',
      '/messages/search?after=2025-06-01T00:00:00Z&before=2025-06-02T00:00:00Z',
    )
    await box.control('POST', '/accounts', {
      client_id: 'search-other',
      client_secret: 'search-secret',
    })
    const token = await box.token('search-other', 'search-secret')
    const answer = await box.api('GET', `/messages/search/result/${job.body.data.job_id}`, {
      token,
    })
    expect(answer.status).toBe(404)
  })
})
