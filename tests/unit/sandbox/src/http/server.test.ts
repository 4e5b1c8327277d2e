import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

describe('the HTTP layer', () => {
  it('wraps every answer, refusals included, in the envelope with a ruid', async () => {
    const ok = await box.api('GET', '/properties')
    expect(ok.body).toEqual({
      meta: { ruid: expect.any(String) },
      data: { properties: [] },
      errors: [],
      warnings: [],
    })
    const refused = await box.api('GET', '/nowhere')
    expect(refused.status).toBe(404)
    expect(refused.body).toEqual({
      meta: { ruid: expect.any(String) },
      data: null,
      errors: [{ code: 'not_found', message: expect.any(String) }],
      warnings: [],
    })
  })

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const answer = await box.api('DELETE', '/messages/latest')
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('GET')
  })

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const answer = await box.api('PUT', '/properties/1/conversations/2/tags/message_read', {
      body: '{"message_ids": [',
    })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('malformed_json')
  })

  it('refuses a body over 2 MB with 413 payload_too_large', async () => {
    const answer = await call(
      box.url,
      'POST',
      '/token-based-authentication/exchange',
      'x'.repeat(2 * 1024 * 1024 + 1),
    )
    expect(answer.status).toBe(413)
    expect(answer.body.errors[0].code).toBe('payload_too_large')
  })

  it('refuses an Accept-Version other than 1.0 and 1.2', async () => {
    const answer = await box.api('GET', '/properties', { version: '2.0' })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('unsupported_version')
  })

  it('serves the control API only when switched on', async () => {
    const closed = await startTestSandbox({ control: false })
    try {
      const answer = await closed.control('GET', '/clock')
      expect(answer.status).toBe(404)
    } finally {
      await closed.close()
    }
  })

  it('listens on loopback only', () => {
    expect(new URL(box.url).hostname).toBe('127.0.0.1')
  })

  it('survives a request target that is not a URL', async () => {
    const port = Number(new URL(box.url).port)
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port, path: '/%E0%A4%A', method: 'GET' },
        (incoming) => {
          incoming.resume()
          resolve(incoming.statusCode ?? 0)
        },
      )
      outgoing.on('error', reject)
      outgoing.end()
    })
    expect(status).toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
  })
})
