import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  parseEnvelope,
  propertiesResponseSchema,
  reservationsResponseSchema,
} from '../../../../../shared/platform'
import { createStay, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

describe('account feeds', () => {
  it('lists the properties the account manages, with what the rules need to know', async () => {
    const ids = await createStay(box, { links_disabled: true, time_zone: 'Asia/Bangkok' })
    const parsed = parseEnvelope(
      (await box.api('GET', '/properties')).body,
      propertiesResponseSchema,
    )
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.data.properties.find((p) => p.property_id === ids.propertyId)).toMatchObject({
      time_zone: 'Asia/Bangkok',
      checkout_time: '11:00',
      links_disabled: true,
    })
    await box.control('POST', '/accounts', {
      client_id: 'limited',
      client_secret: 'limited-secret',
      property_ids: [ids.propertyId],
    })
    const token = await box.token('limited', 'limited-secret')
    const limited = await box.api('GET', '/properties', { token })
    expect(limited.body.data.properties.map((p: { property_id: string }) => p.property_id)).toEqual(
      [ids.propertyId],
    )
  })

  it('lists the reservations behind the conversations, changed since a given instant', async () => {
    const ids = await createStay(box)
    const cancelled = await createStay(box, {
      property_id: ids.propertyId,
      status: 'cancelled',
      cancelled_at: '2025-06-10T08:00:00.000Z',
    })
    const parsed = parseEnvelope(
      (await box.api('GET', `/properties/${ids.propertyId}/reservations`)).body,
      reservationsResponseSchema,
    )
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(
      parsed.data.reservations.map((r) => [r.reservation_id, r.conversation_id, r.status]),
    ).toEqual([
      [ids.reservationId, ids.conversationId, 'confirmed'],
      [cancelled.reservationId, cancelled.conversationId, 'cancelled'],
    ])
    await box.control('POST', '/clock', { advance_ms: 60_000 })
    const later = (await box.control('GET', '/clock')).body.now as string
    const none = await box.api(
      'GET',
      `/properties/${ids.propertyId}/reservations?updated_since=${later}`,
    )
    expect(none.body.data.reservations).toEqual([])
    const bad = await box.api(
      'GET',
      `/properties/${ids.propertyId}/reservations?updated_since=soon`,
    )
    expect(bad.status).toBe(400)
  })
})
