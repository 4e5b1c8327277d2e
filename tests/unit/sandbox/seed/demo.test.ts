import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  conversationListPageSchema,
  parseEnvelope,
  queuePageSchema,
  reservationsResponseSchema,
} from '../../../../shared/platform'
import { imageTypeOf } from '../../../../sandbox/src/rules'
import { buildDemoSeed } from '../../../../sandbox/seed/demo'
import { startTestSandbox } from '../harness'
import type { SandboxEvent } from '../../../../sandbox/src/store/events'

const NOW = Date.parse('2025-06-15T10:00:00.000Z')

function ofType<T extends SandboxEvent['type']>(events: SandboxEvent[], type: T) {
  return events.filter((event): event is Extract<SandboxEvent, { type: T }> => event.type === type)
}

describe('the demo seed', () => {
  const { events, blobs } = buildDemoSeed(NOW)
  const properties = ofType(events, 'property_put').map((e) => e.property)
  const reservations = ofType(events, 'reservation_put').map((e) => e.reservation)
  const conversations = ofType(events, 'conversation_put').map((e) => e.conversation)
  const messages = ofType(events, 'message_added').map((e) => e.message)

  it('comes out the same for the same seed time', () => {
    expect(JSON.stringify(buildDemoSeed(NOW).events)).toBe(JSON.stringify(events))
  })

  it('has at least five properties in different time zones, one with links switched off', () => {
    expect(properties.length).toBeGreaterThanOrEqual(5)
    expect(new Set(properties.map((p) => p.time_zone)).size).toBeGreaterThanOrEqual(4)
    expect(properties.some((p) => p.links_disabled)).toBe(true)
  })

  it('has over 200 reservations from a year ago to six months ahead, in every state', () => {
    expect(reservations.length).toBeGreaterThanOrEqual(200)
    const dates = reservations.map((r) => r.checkin).sort()
    expect(dates[0]! < '2024-06-20').toBe(true)
    expect(dates.at(-1)! > '2025-11-15').toBe(true)
    expect(reservations.some((r) => r.status === 'cancelled')).toBe(true)
    expect(reservations.some((r) => r.checkin === '2025-06-15')).toBe(true)
    expect(reservations.some((r) => r.checkin < '2025-06-15' && r.checkout > '2025-06-15')).toBe(
      true,
    )
  })

  it('has threads past their reply deadline, near the read limit and past it', () => {
    const lastGuestAt = new Map<string, number>()
    const answered = new Set<string>()
    for (const message of messages) {
      if (message.sender_type === 'guest')
        lastGuestAt.set(message.conversation_id, Date.parse(message.timestamp))
      else answered.add(message.conversation_id)
    }
    const overdue = reservations.filter((r) => {
      const at = lastGuestAt.get(r.conversation_id)
      return (
        at !== undefined &&
        !answered.has(r.conversation_id) &&
        NOW - at > 14 * 86_400_000 &&
        r.checkout < '2025-06-08'
      )
    })
    expect(overdue.length).toBeGreaterThanOrEqual(5)
    expect(reservations.some((r) => r.checkout > '2024-06-15' && r.checkout < '2024-06-25')).toBe(
      true,
    )
    expect(reservations.some((r) => r.checkout < '2024-06-15')).toBe(true)
  })

  it('has conversations in all ten languages, self-service requests, request_to_book and photos', () => {
    const languages = new Set(reservations.map((r) => r.guest_language))
    expect([...languages].sort()).toEqual([
      'ar',
      'de',
      'en',
      'es',
      'fr',
      'nl',
      'pl',
      'pt',
      'ru',
      'th',
    ])
    expect(messages.some((m) => m.message_type === 'self_service_event')).toBe(true)
    expect(conversations.some((c) => c.conversation_type === 'request_to_book')).toBe(true)
    expect(messages.filter((m) => m.attachment_ids.length > 0).length).toBeGreaterThan(3)
    expect(blobs.map((bytes) => imageTypeOf(bytes)).sort()).toEqual([
      'image/jpeg',
      'image/jpeg',
      'image/png',
    ])
    expect(messages.every((m) => Date.parse(m.timestamp) <= NOW)).toBe(true)
  })

  it('starts a sandbox with the demo and serves it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'innbox-demo-'))
    const box = await startTestSandbox({ dataDir, seed: 'demo' })
    try {
      const list = await box.api('GET', '/properties/4012001/conversations')
      expect(list.status).toBe(200)
      expect(list.body.data.conversations.length).toBeGreaterThan(20)
      // Every wire object of the demo satisfies shared/platform, in both versions.
      for (const version of ['1.0', '1.2']) {
        for (const property of properties) {
          const page = await box.api('GET', `/properties/${property.property_id}/conversations`, {
            version,
          })
          const parsed = parseEnvelope(page.body, conversationListPageSchema)
          expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.error.issues.slice(0, 3))).toBe(
            true,
          )
        }
        const queue = parseEnvelope(
          (await box.api('GET', '/messages/latest', { version })).body,
          queuePageSchema,
        )
        expect(queue.ok).toBe(true)
      }
      const feed = await box.api('GET', '/properties/4012004/reservations')
      expect(parseEnvelope(feed.body, reservationsResponseSchema).ok).toBe(true)
    } finally {
      await box.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
