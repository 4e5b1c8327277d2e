import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStay, NOW, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

describe('the control API', () => {
  it('creates a property and patches it, answering plain JSON', async () => {
    const created = await box.control('POST', '/properties', {
      name: 'Riad',
      time_zone: 'Africa/Casablanca',
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      name: 'Riad',
      time_zone: 'Africa/Casablanca',
      checkout_time: '11:00',
      links_disabled: false,
    })
    const patched = await box.control('PATCH', `/properties/${created.body.property_id}`, {
      links_disabled: true,
      checkout_time: '10:30',
    })
    expect(patched.body).toMatchObject({
      links_disabled: true,
      checkout_time: '10:30',
      name: 'Riad',
    })
    const again = await box.control('POST', '/properties', {
      property_id: created.body.property_id,
      name: 'Dup',
      time_zone: 'UTC',
    })
    expect(again.status).toBe(409)
  })

  it('validates its input like the API does, with plain JSON refusals', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/properties', { name: 'X', time_zone: 'Mars/Olympus' }],
      ['POST', '/properties', { name: 'X', time_zone: 'UTC', checkout_time: '25:00' }],
      ['POST', '/reservations', { property_id: 'nope' }],
      ['POST', '/reset', { seed: 'everything' }],
      ['POST', '/clock', { now: 'tomorrow' }],
      ['POST', '/faults', { error_rate: 2 }],
      ['POST', '/accounts', { client_id: 'a' }],
      ['POST', '/guest-messages', { property_id: 'p', conversation_id: 'c', content: 5 }],
    ]
    for (const [method, path, body] of cases) {
      const answer = await box.control(method, path, body)
      expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(400)
      expect(answer.body.error.code).toBe('invalid_request')
    }
  })

  it('refuses a reservation whose checkout is not after its checkin, and a guest message to an unknown conversation', async () => {
    const { propertyId } = await createStay(box)
    const reservation = await box.control('POST', '/reservations', {
      property_id: propertyId,
      guest_name: 'A',
      guest_language: 'en',
      booked_at: NOW,
      checkin: '2025-07-02',
      checkout: '2025-07-01',
      status: 'confirmed',
    })
    expect(reservation.status).toBe(400)
    const message = await box.control('POST', '/guest-messages', {
      property_id: propertyId,
      conversation_id: 'nope',
      content: 'Hi',
    })
    expect(message.status).toBe(404)
    expect(message.body.error.code).toBe('conversation_not_found')
  })

  it('reads, sets and advances the sandbox clock', async () => {
    const set = await box.control('POST', '/clock', { now: '2025-06-20T12:00:00.000Z' })
    expect(Date.parse(set.body.now) - Date.parse('2025-06-20T12:00:00.000Z')).toBeLessThan(1000)
    const advanced = await box.control('POST', '/clock', { advance_ms: 86_400_000 })
    expect(Date.parse(advanced.body.now) - Date.parse('2025-06-21T12:00:00.000Z')).toBeLessThan(
      1000,
    )
    const read = await box.control('GET', '/clock')
    expect(read.body.now.slice(0, 10)).toBe('2025-06-21')
    await box.control('POST', '/clock', { now: NOW })
  })

  it('lists what the property side sent, in order, with ids', async () => {
    const ids = await createStay(box)
    const path = `/properties/${ids.propertyId}/conversations/${ids.conversationId}`
    const first = await box.api('POST', path, { body: { message: { content: 'one' } } })
    const second = await box.api('POST', path, { body: { message: { content: 'two' } } })
    const sent = (await box.control('GET', '/sent')).body.messages as {
      message_id: string
      content: string
    }[]
    expect(sent.slice(-2).map((m) => [m.message_id, m.content])).toEqual([
      [first.body.data.message_id, 'one'],
      [second.body.data.message_id, 'two'],
    ])
  })

  it('resets to the demo seed and to empty, keeping the default account working', async () => {
    const demo = await box.control('POST', '/reset', { seed: 'demo' })
    expect(demo.body.account.client_id).toBe(box.sandbox.account.clientId)
    const properties = await box.api('GET', '/properties')
    expect(properties.body.data.properties.length).toBeGreaterThanOrEqual(5)
    await box.control('POST', '/reset', { seed: 'empty' })
    expect((await box.api('GET', '/properties')).body.data.properties).toEqual([])
    expect((await box.control('GET', '/sent')).body.messages).toEqual([])
  })
})
