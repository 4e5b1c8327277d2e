import { describe, expect, it } from 'vitest'
import { computeMetrics, TREND_DAYS, type MetricsInput } from '@/metrics'
import type { MetricsConversation } from '@shared/metrics'

const HOUR = 3_600_000
const NOW = Date.parse('2024-06-30T12:00:00.000Z')

function thread(id: string, guestAt: number, replyAt: number | null): MetricsConversation {
  const messages: MetricsConversation['messages'] = [
    { messageId: `${id}-g`, at: guestAt, sender: 'guest' },
    ...(replyAt === null
      ? []
      : [{ messageId: `${id}-p`, at: replyAt, sender: 'property' as const }]),
  ]
  return { conversationId: id, messages, noReplyNeeded: false, noReplyNeededAt: null }
}

function input(): MetricsInput {
  const conversations = [
    ...Array.from({ length: 9 }, (_, index) => ({
      propertyId: 'p1',
      guestName: `Guest ${index}`,
      metrics: thread(`a${index}`, NOW - 48 * HOUR - index * HOUR, NOW - 47 * HOUR - index * HOUR),
    })),
    { propertyId: 'p1', guestName: 'Missed', metrics: thread('m', NOW - 60 * HOUR, null) },
    { propertyId: 'p2', guestName: 'Waiting', metrics: thread('w', NOW - 2 * HOUR, null) },
  ]
  return {
    properties: [
      { propertyId: 'p1', name: 'One', timeZone: 'Europe/Paris' },
      { propertyId: 'p2', name: 'Two', timeZone: 'Asia/Bangkok' },
    ],
    conversations,
  }
}

describe('computeMetrics', () => {
  it('gives each property its score, trend and reply time, and one at-risk list', () => {
    const result = computeMetrics(input(), NOW, { loaded: true, version: 1, cache: new Map() })
    const [one, two] = result.properties
    expect(one?.score).toMatchObject({ status: 'ready', score: 0.9, counted: 10 })
    expect(one?.trend).toHaveLength(TREND_DAYS)
    expect(one?.trend.at(-1)?.score).toBe(0.9)
    expect(one?.replyTime).toEqual({ medianMs: HOUR, answered: 9 })
    expect(two?.score).toMatchObject({ status: 'notEnoughMessages', counted: 0 })
    expect(result.atRisk).toEqual([
      expect.objectContaining({
        propertyName: 'Two',
        guestName: 'Waiting',
        targetAt: NOW + 22 * HOUR,
      }),
    ])
    // Overall: 9 of 10 settled; the waiting one would make it 10/11 or 9/11.
    expect(result.overall.score).toMatchObject({ score: 0.9 })
    expect(result.overall.ifAnswered).toMatchObject({ score: 10 / 11 })
    expect(result.overall.ifMissed).toMatchObject({ score: 9 / 11 })
  })

  it('keeps a property trend until the data or the day changes', () => {
    const cache = new Map<string, unknown>()
    computeMetrics(input(), NOW, { loaded: true, version: 1, cache })
    const kept = cache.get('p1|1|2024-06-30')
    expect(kept).toHaveLength(TREND_DAYS)
    computeMetrics(input(), NOW + HOUR, { loaded: true, version: 1, cache })
    expect(cache.get('p1|1|2024-06-30')).toBe(kept)
    computeMetrics(input(), NOW, { loaded: true, version: 2, cache })
    expect([...cache.keys()].sort()).toEqual(['p1|2|2024-06-30', 'p2|2|2024-06-30'])
    // Midnight in Paris (22:00 UTC) starts a new day for One only; Bangkok's began at 17:00 UTC.
    computeMetrics(input(), NOW + 10 * HOUR, { loaded: true, version: 2, cache })
    expect([...cache.keys()].sort()).toEqual(['p1|2|2024-07-01', 'p2|2|2024-07-01'])
  })
})
