import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseBody, tokenExchangeResponseSchema } from '../../../../shared/platform'
import { call, startTestSandbox, type TestSandbox } from '../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

const exchange = (body: unknown) =>
  call(box.url, 'POST', '/token-based-authentication/exchange', body)

describe('machine-account auth', () => {
  it('exchanges the client id and secret for a JWT at the root, answered as { jwt, ruid }', async () => {
    const answer = await exchange({
      client_id: box.sandbox.account.clientId,
      client_secret: box.sandbox.account.clientSecret,
    })
    const parsed = parseBody(answer.body, tokenExchangeResponseSchema, { status: answer.status })
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.data.jwt.split('.')).toHaveLength(3)
    expect(parsed.data.ruid).toEqual(expect.any(String))
  })

  it('refuses a wrong secret with 401 invalid_credentials', async () => {
    const answer = await exchange({
      client_id: box.sandbox.account.clientId,
      client_secret: 'guess-guess',
    })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('invalid_credentials')
  })

  it('answers 401 without a token, with a forged one, and once an hour of sandbox time has passed', async () => {
    expect((await call(box.url, 'GET', '/messaging/properties')).body.errors[0].code).toBe(
      'unauthorized',
    )
    const token = await box.token()
    const [head, , signature] = token.split('.')
    const forgedBody = Buffer.from(JSON.stringify({ sub: 'x', exp: 9e12 })).toString('base64url')
    const forged = await box.api('GET', '/properties', {
      token: `${head}.${forgedBody}.${signature}`,
    })
    expect(forged.body.errors[0].code).toBe('invalid_token')
    expect((await box.api('GET', '/properties', { token })).status).toBe(200)
    await box.control('POST', '/clock', { advance_ms: 60 * 60 * 1000 })
    const expired = await box.api('GET', '/properties', { token })
    expect(expired.status).toBe(401)
    expect(expired.body.errors[0].code).toBe('token_expired')
  })

  it('gives at most 30 tokens per hour per account, then 429 with Retry-After', async () => {
    await box.control('POST', '/accounts', { client_id: 'greedy', client_secret: 'greedy-secret' })
    const answers = []
    for (let index = 0; index < 31; index += 1)
      answers.push(await exchange({ client_id: 'greedy', client_secret: 'greedy-secret' }))
    expect(answers.slice(0, 30).every((answer) => answer.status === 200)).toBe(true)
    const refused = answers[30]
    expect(refused?.status).toBe(429)
    expect(refused?.body.errors[0].code).toBe('token_limit_reached')
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
