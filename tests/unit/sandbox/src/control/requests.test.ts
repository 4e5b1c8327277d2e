import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RequestLog } from '../../../../../sandbox/src/request-log'
import { createStay, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
  await box.api('GET', '/properties')
})
afterAll(() => box.close())

interface Entry {
  seq: number
  method: string
  path: string
  outcome: string
  status: number | null
  retry_after_s: number | null
}

async function requestsAfter(seq: number): Promise<Entry[]> {
  const answer = await box.control('GET', `/requests?after=${seq}`)
  expect(answer.status).toBe(200)
  return answer.body.requests as Entry[]
}

async function lastSeq(): Promise<number> {
  const all = (await box.control('GET', '/requests')).body.requests as Entry[]
  return all.at(-1)?.seq ?? 0
}

describe('the request log (GET /sandbox/requests)', () => {
  it('records each Messaging API request with how it ended: answered, refused, faulted, cut', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}`
    const start = await lastSeq()

    await box.api('POST', path, { body: { message: { content: 'Welcome!' } } })
    await box.api('GET', `/properties/nope`)
    await box.control('POST', '/faults', { error_rate: 1, status: 429, retry_after_s: 3 })
    await box.api('GET', '/properties')
    await box.control('POST', '/faults', { error_rate: 1, status: 503 })
    await box.api('GET', '/properties')
    await box.control('POST', '/faults', { drop_rate: 1 })
    await expect(box.api('GET', '/properties')).rejects.toThrow()
    await box.control('POST', '/faults', { drop_rate: 1, drop_after_commit: true })
    await expect(
      box.api('POST', path, { body: { message: { content: 'Applied, answer lost' } } }),
    ).rejects.toThrow()
    await box.control('POST', '/faults', {})

    const entries = await requestsAfter(start)
    expect(
      entries.map(({ method, path: p, outcome, status, retry_after_s }) => ({
        method,
        path: p,
        outcome,
        status,
        retry_after_s,
      })),
    ).toEqual([
      {
        method: 'POST',
        path: `/messaging${path}`,
        outcome: 'answered',
        status: 200,
        retry_after_s: null,
      },
      {
        method: 'GET',
        path: '/messaging/properties/nope',
        outcome: 'answered',
        status: 404,
        retry_after_s: null,
      },
      {
        method: 'GET',
        path: '/messaging/properties',
        outcome: 'fault_error',
        status: 429,
        retry_after_s: 3,
      },
      {
        method: 'GET',
        path: '/messaging/properties',
        outcome: 'fault_error',
        status: 503,
        retry_after_s: null,
      },
      {
        method: 'GET',
        path: '/messaging/properties',
        outcome: 'cut',
        status: null,
        retry_after_s: null,
      },
      {
        method: 'POST',
        path: `/messaging${path}`,
        outcome: 'cut_after_commit',
        status: null,
        retry_after_s: null,
      },
    ])
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => start + 1 + i))
    // The control API itself is never logged.
    expect(entries.some((e) => e.path.startsWith('/sandbox/'))).toBe(false)
  })

  it('counts outcomes and statuses, and DELETE forgets the log while the sequence goes on', async () => {
    const before = await lastSeq()
    await box.control('POST', '/faults', { error_rate: 1, status: 429, retry_after_s: 1 })
    await box.api('GET', '/properties')
    await box.control('POST', '/faults', {})
    const counters = (await box.control('GET', '/requests')).body.counters
    expect(counters.outcomes.fault_error).toBeGreaterThanOrEqual(1)
    expect(counters.statuses['429']).toBeGreaterThanOrEqual(1)

    expect((await box.control('DELETE', '/requests')).status).toBe(200)
    const emptied = await box.control('GET', '/requests')
    expect(emptied.body.requests).toEqual([])
    expect(emptied.body.counters.total).toBe(0)
    await box.api('GET', '/properties')
    const [next] = await requestsAfter(0)
    expect(next!.seq).toBeGreaterThan(before + 1)
  })

  it('refuses an after that is not a whole number', async () => {
    expect((await box.control('GET', '/requests?after=soon')).status).toBe(400)
  })
})

describe('RequestLog', () => {
  it('keeps only the newest entries past its limit', () => {
    const log = new RequestLog(3)
    for (let i = 0; i < 5; i += 1) log.begin('GET', `/p/${i}`, i, new Date(i).toISOString())
    expect(log.list().map((e) => e.path)).toEqual(['/p/2', '/p/3', '/p/4'])
    expect(log.list(3).map((e) => e.seq)).toEqual([4, 5])
    expect(log.counters().total).toBe(3)
  })
})
