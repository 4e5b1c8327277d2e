import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStay, rawCall, startTestSandbox, type TestSandbox } from './harness'

// Property-based fuzzing over every route: whatever arrives, the answer is a 4xx (or a 2xx)
// in the right shape, never a 500, and the server keeps serving.

let box: TestSandbox
let token: string
let ids: { propertyId: string; reservationId: string; conversationId: string }
let attachmentId: string

beforeAll(async () => {
  box = await startTestSandbox()
  ids = await createStay(box)
  token = await box.token()
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC',
    'base64',
  )
  const uploaded = await box.api(
    'POST',
    `/properties/${ids.propertyId}/conversations/${ids.conversationId}/attachments`,
    {
      body: {
        attachment: {
          file_name: 'a.png',
          file_type: 'image/png',
          file_size: png.length,
          file_content: png.toString('base64'),
        },
      },
    },
  )
  attachmentId = uploaded.body.data.attachment_id
})
afterAll(() => box.close())

const C = '/messaging/properties/{p}/conversations/{c}'
const ROUTES: [string, string, unknown][] = [
  [
    'POST',
    '/token-based-authentication/exchange',
    { client_id: 'innbox-sandbox-desk', client_secret: 'x' },
  ],
  ['GET', '/messaging/messages/latest', undefined],
  ['PUT', '/messaging/messages?number_of_messages={n}', undefined],
  ['GET', '/messaging/messages/search?after={t}&before={t}&property_id={p}', undefined],
  ['GET', '/messaging/messages/search/result/{x}', undefined],
  ['GET', '/messaging/properties', undefined],
  ['GET', '/messaging/properties/{p}/reservations?updated_since={t}&page_id={x}', undefined],
  ['GET', '/messaging/properties/{p}/conversations?page_id={x}', undefined],
  [
    'GET',
    '/messaging/properties/{p}/conversations/type/reservation?conversation_reference={r}',
    undefined,
  ],
  ['GET', C, undefined],
  ['POST', C, { message: { content: 'Olá', attachment_ids: ['{a}'] } }],
  [
    'POST',
    `${C}/attachments`,
    {
      attachment: {
        file_name: 'a.png',
        file_type: 'image/png',
        file_size: 3,
        file_content: 'AAAA',
      },
    },
  ],
  ['GET', `${C}/attachments/{a}`, undefined],
  ['GET', `${C}/attachments/{a}/metadata`, undefined],
  ['PUT', `${C}/tags/no_reply_needed`, undefined],
  ['DELETE', `${C}/tags/no_reply_needed`, undefined],
  ['PUT', `${C}/tags/message_read`, { message_ids: ['{x}'], participant_id: '{x}' }],
  ['DELETE', `${C}/tags/message_read`, { message_ids: ['{x}'], participant_id: '{x}' }],
  [
    'POST',
    '/sandbox/accounts',
    { client_id: 'fuzz', client_secret: 'fuzz-secret', property_ids: ['{p}'] },
  ],
  [
    'POST',
    '/sandbox/properties',
    { name: 'F', time_zone: 'UTC', checkout_time: '10:00', approved_links: ['{x}'] },
  ],
  ['PATCH', '/sandbox/properties/{p}', { links_disabled: true, approved_links: [] }],
  [
    'POST',
    '/sandbox/reservations',
    {
      property_id: '{p}',
      guest_name: 'G',
      guest_language: 'en',
      booked_at: '{t}',
      checkin: '2025-06-20',
      checkout: '2025-06-22',
      status: 'confirmed',
    },
  ],
  [
    'POST',
    '/sandbox/guest-messages',
    {
      property_id: '{p}',
      conversation_id: '{c}',
      content: 'Hi',
      attachments: [{ file_name: 'x', file_content: '{x}' }],
    },
  ],
  ['GET', '/sandbox/clock', undefined],
  ['GET', '/sandbox/sent', undefined],
  ['GET', '/sandbox/requests?after={x}', undefined],
  ['DELETE', '/sandbox/requests', undefined],
  ['POST', '/sandbox/faults', { latency_ms: 0 }],
]

const segment = fc.oneof(
  fc.constantFrom('{p}', '{c}', '{a}', '{r}'),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('%', '%zz', '..', '', '0', '-1', '9'.repeat(30), 'null'),
)
const OVERSIZED = `"${'x'.repeat(2 * 1024 * 1024)}"`
const junk = fc.oneof(
  { arbitrary: fc.constant(OVERSIZED), weight: 1 },
  { arbitrary: fc.anything(), weight: 5 },
  { arbitrary: fc.jsonValue(), weight: 5 },
  { arbitrary: fc.string(), weight: 5 },
  {
    arbitrary: fc.constantFrom('{', '[1,', 'null', '"x"', '{"message":', '\u0000', 'true'),
    weight: 5,
  },
)

/** The template with some leaves replaced by junk: close enough to valid to reach deep code. */
function mutate(template: unknown, random: () => number, replacement: unknown): unknown {
  if (random() < 0.15) return replacement
  if (Array.isArray(template)) return template.map((item) => mutate(item, random, replacement))
  if (template && typeof template === 'object') {
    const entries = Object.entries(template).filter(() => random() > 0.1)
    return Object.fromEntries(
      entries.map(([key, value]) => [key, mutate(value, random, replacement)]),
    )
  }
  return template
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w)\}/g, (_, key: string) => values[key] ?? key)
}

describe('fuzzing every route', () => {
  it('answers malformed, mistyped, oversized and unknown input with a 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.record({
          p: segment,
          c: segment,
          a: segment,
          r: segment,
          x: segment,
          n: fc.string({ maxLength: 5 }),
          t: fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
        }),
        fc.boolean(),
        fc.oneof(junk, fc.constant(undefined)),
        fc.integer(),
        fc.constantFrom(undefined, '1.0', '1.2', '9', ''),
        async ([method, template, body], raw, useRealIds, replacement, seed, version) => {
          const real = {
            p: ids.propertyId,
            c: ids.conversationId,
            a: attachmentId,
            r: ids.reservationId,
          }
          const values = Object.fromEntries(
            Object.entries(raw).map(([key, value]) => [
              key,
              useRealIds && key in real
                ? real[key as keyof typeof real]
                : encodeURIComponent(value),
            ]),
          )
          let state = seed
          const random = () =>
            ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 + 1) % 1
          const filledBody =
            body === undefined
              ? replacement
              : mutate(JSON.parse(fill(JSON.stringify(body), values)), random, replacement)
          const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
          if (version !== undefined) headers['Accept-Version'] = version
          const payload =
            typeof filledBody === 'string'
              ? filledBody
              : filledBody === undefined
                ? undefined
                : safeJson(filledBody)
          const answer = await rawCall(box.url, method, fill(template, values), payload, headers)
          expect(
            answer.status,
            `${method} ${template} → ${JSON.stringify(answer.body)}`,
          ).toBeLessThan(500)
          expect(
            typeof answer.body,
            `${method} ${fill(template, values)} → ${answer.status} ${String(answer.body)}`,
          ).toBe('object')
          if (
            !template.startsWith('/sandbox') &&
            !template.startsWith('/token') &&
            answer.status >= 400
          ) {
            expect(answer.body.errors[0].code).toEqual(expect.any(String))
            expect(answer.body.errors[0].message).toEqual(expect.any(String))
          }
        },
      ),
      { numRuns: 500 },
    )
    await box.control('POST', '/faults', {})
    expect((await box.api('GET', '/properties')).status).toBe(200)
  }, 60_000)
})

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null'
  } catch {
    return '{"unserialisable": true}'
  }
}
