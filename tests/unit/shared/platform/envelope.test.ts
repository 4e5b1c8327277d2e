import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  makeEnvelope,
  parseBody,
  parseEnvelope,
  parseEnvelopeText,
  queuePageSchema,
  sendMessageResultSchema,
  tokenExchangeResponseSchema,
} from '@shared/platform'
import { envelope, guestMessage } from './fixtures'

describe('parseEnvelope', () => {
  it('returns typed data, the ruid and the warnings of a good response', () => {
    const body = envelope(
      { message_id: 'm-1' },
      { warnings: [{ code: 'W1', message: 'slow down' }] },
    )
    const result = parseEnvelope(body, sendMessageResultSchema)
    expect(result).toEqual({
      ok: true,
      data: { message_id: 'm-1' },
      ruid: 'ruid-1',
      warnings: [{ code: 'W1', message: 'slow down' }],
    })
  })

  it('reports a platform error when the envelope carries errors, even with data', () => {
    const body = envelope(null, { errors: [{ code: 403, message: 'Conversation is closed' }] })
    const result = parseEnvelope(body, sendMessageResultSchema, { status: 403 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatchObject({
      kind: 'platform',
      ruid: 'ruid-1',
      status: 403,
      message: 'Conversation is closed',
      errors: [{ code: '403', message: 'Conversation is closed' }],
    })
  })

  it('reports a platform error for an HTTP error status with no error items', () => {
    const result = parseEnvelope(envelope(null), sendMessageResultSchema, { status: 429 })
    expect(result.ok || result.error).toMatchObject({
      kind: 'platform',
      status: 429,
      message: 'HTTP 429',
    })
  })

  it('reads error items given as plain strings', () => {
    const result = parseEnvelope(envelope(null, { errors: ['nope'] }), sendMessageResultSchema)
    expect(result.ok || result.error.errors).toEqual([{ code: null, message: 'nope' }])
  })

  it('says where the data is wrong', () => {
    const page = { messages: [guestMessage({ timestamp: 'yesterday' })] }
    const result = parseEnvelope(envelope(page), queuePageSchema)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('malformed')
    expect(result.error.ruid).toBe('ruid-1')
    expect(result.error.issues[0]?.path).toEqual(['data', 'messages', 0, 'timestamp'])
  })

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['an envelope without data', { meta: { ruid: 'r' }, errors: [] }],
    ['errors that are not a list', { meta: { ruid: 'r' }, data: {}, errors: 'bad' }],
  ])('reports %s as malformed', (_label, body) => {
    const result = parseEnvelope(body, sendMessageResultSchema)
    expect(result.ok || result.error.kind).toBe('malformed')
  })

  it('reports an object whose getters throw as malformed instead of throwing', () => {
    const hostile = {
      get meta(): unknown {
        throw new Error('boom')
      },
    }
    const result = parseEnvelope(hostile, sendMessageResultSchema)
    expect(result.ok || result.error.kind).toBe('malformed')
  })

  it('round-trips what makeEnvelope builds', () => {
    const result = parseEnvelope(
      makeEnvelope({ message_id: 'm-2' }, 'r-9'),
      sendMessageResultSchema,
    )
    expect(result).toMatchObject({ ok: true, data: { message_id: 'm-2' }, ruid: 'r-9' })
  })

  it('never throws and always answers ok or a typed error, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.integer({ min: 100, max: 599 })), (body, status) => {
        const result = parseEnvelope(body, queuePageSchema, status === null ? {} : { status })
        if (!result.ok) expect(['malformed', 'platform']).toContain(result.error.kind)
        expect(() => JSON.stringify(result)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })

  it('never throws for envelope-shaped bodies with arbitrary data', () => {
    const body = fc.record({
      meta: fc.option(fc.record({ ruid: fc.oneof(fc.string(), fc.integer()) })),
      data: fc.anything(),
      errors: fc.option(fc.array(fc.oneof(fc.string(), fc.object()))),
      warnings: fc.option(fc.anything()),
    })
    fc.assert(
      fc.property(body, (value) => {
        const result = parseEnvelope(value, queuePageSchema)
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })
})

describe('parseEnvelopeText', () => {
  it('reports text that is not JSON as malformed', () => {
    const result = parseEnvelopeText('<html>Bad gateway</html>', sendMessageResultSchema, {
      status: 502,
    })
    expect(result.ok || result.error).toMatchObject({ kind: 'malformed', status: 502 })
  })

  it('parses JSON text', () => {
    const text = JSON.stringify(envelope({ message_id: 'm-3' }))
    expect(parseEnvelopeText(text, sendMessageResultSchema).ok).toBe(true)
  })

  it('never throws for any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof parseEnvelopeText(text, sendMessageResultSchema).ok).toBe('boolean')
      }),
    )
  })
})

describe('parseBody (token exchange, not an envelope)', () => {
  it('reads { jwt, ruid }', () => {
    const result = parseBody({ jwt: 'a.b.c', ruid: 'r-1' }, tokenExchangeResponseSchema)
    expect(result).toMatchObject({ ok: true, data: { jwt: 'a.b.c' }, ruid: 'r-1' })
  })

  it('reports a 401 as a platform error', () => {
    const result = parseBody({ errors: [{ message: 'bad secret' }] }, tokenExchangeResponseSchema, {
      status: 401,
    })
    expect(result.ok || result.error).toMatchObject({ kind: 'platform', message: 'bad secret' })
  })

  it('reports a body without jwt as malformed', () => {
    const result = parseBody({ token: 'x' }, tokenExchangeResponseSchema)
    expect(result.ok || result.error.kind).toBe('malformed')
  })
})
