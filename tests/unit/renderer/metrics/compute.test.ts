import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeMetrics, TREND_DAYS, type MetricsInput } from '@/metrics'
import {
  dailyReplyScores,
  medianReplyTime,
  replyForecast,
  replyScore,
  type MetricsConversation,
} from '@shared/metrics'

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
    const result = computeMetrics(input(), NOW, { loaded: true, cache: new Map() })
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

  it('keeps a property trend until its data or its day changes', () => {
    const cache = new Map<string, unknown>()
    const first = input()
    computeMetrics(first, NOW, { loaded: true, cache })
    const kept = (cache.get('trend|p1') as { trend: unknown }).trend
    const two = (cache.get('trend|p2') as { trend: unknown }).trend
    expect(kept).toHaveLength(TREND_DAYS)
    computeMetrics(first, NOW + HOUR, { loaded: true, cache })
    expect((cache.get('trend|p1') as { trend: unknown }).trend).toBe(kept)
    // A conversation of p2 changed (the model puts a new entry): only p2's trend is redone.
    const changed = first.conversations.map((entry) =>
      entry.propertyId === 'p2'
        ? { ...entry, metrics: thread('w', NOW - 2 * HOUR, NOW - HOUR) }
        : entry,
    )
    computeMetrics({ ...first, conversations: changed }, NOW + HOUR, { loaded: true, cache })
    expect((cache.get('trend|p1') as { trend: unknown }).trend).toBe(kept)
    expect((cache.get('trend|p2') as { trend: unknown }).trend).not.toBe(two)
    // Another clock for One (a corrected property): its days are other instants.
    const moved = {
      ...first,
      conversations: changed,
      properties: first.properties.map((property) =>
        property.propertyId === 'p1' ? { ...property, timeZone: 'America/New_York' } : property,
      ),
    }
    computeMetrics(moved, NOW + HOUR, { loaded: true, cache })
    expect((cache.get('trend|p1') as { trend: unknown }).trend).not.toBe(kept)
    // Midnight in Paris (22:00 UTC) starts a new day for One.
    computeMetrics({ ...first, conversations: changed }, NOW + 10 * HOUR, { loaded: true, cache })
    expect((cache.get('trend|p1') as { day: string }).day).toBe('2024-07-01')
    expect((cache.get('trend|p1') as { trend: unknown }).trend).not.toBe(kept)
  })

  it('forgets a property no longer listed', () => {
    const cache = new Map<string, unknown>()
    computeMetrics(input(), NOW, { loaded: true, cache })
    const only = { ...input(), properties: input().properties.slice(0, 1) }
    computeMetrics(only, NOW, { loaded: true, cache })
    expect([...cache.keys()].filter((key) => key.includes('p2'))).toEqual([])
  })
})

describe('computeMetrics from kept outcome tables', () => {
  // What it computed before the tables (issue 11): each figure from the conversations.
  function direct(input: MetricsInput, now: number) {
    const of = (propertyId: string | null) =>
      input.conversations
        .filter((entry) => propertyId === null || entry.propertyId === propertyId)
        .map((entry) => entry.metrics)
    const summary = (conversations: MetricsConversation[], zone: string) => {
      const forecast = replyForecast(conversations, now, zone)
      return {
        score: replyScore(conversations, now),
        atRisk: forecast.atRisk.length,
        ifAnswered: forecast.ifAnswered,
        ifMissed: forecast.ifMissed,
        replyTime: medianReplyTime(conversations, now),
      }
    }
    return {
      overall: summary(of(null), 'UTC'),
      properties: input.properties.map((property) => {
        const days = dailyReplyScores(of(property.propertyId), now, property.timeZone, TREND_DAYS)
        return {
          ...summary(of(property.propertyId), property.timeZone),
          trend: days.map((day) => (day.score.status === 'ready' ? day.score.score : null)),
        }
      }),
    }
  }

  const zones = ['Europe/Paris', 'Asia/Bangkok', 'America/New_York']
  const subject = fc.record({
    conversations: fc.array(
      fc.record({
        property: fc.integer({ min: 0, max: 3 }),
        guests: fc.array(fc.integer({ min: -30, max: 50 * 24 }), { minLength: 1, maxLength: 3 }),
        replies: fc.array(fc.integer({ min: -30, max: 50 * 24 }), { maxLength: 2 }),
      }),
      { maxLength: 40 },
    ),
    // Each round, conversations whose messages change (a new reply): the tables follow.
    changes: fc.array(fc.array(fc.nat(39), { maxLength: 5 }), { minLength: 1, maxLength: 3 }),
  })

  it('gives what the conversations give, through changes and hours passing', () => {
    fc.assert(
      fc.property(subject, ({ conversations, changes }) => {
        const cache = new Map<string, unknown>()
        let entries: MetricsInput['conversations'] = conversations.map((c, index) => ({
          // Property 3 is not listed: its conversations count only overall.
          propertyId: `p${c.property}`,
          guestName: null,
          metrics: {
            conversationId: `c${index}`,
            messages: [
              ...c.guests.map((hours, at) => ({
                messageId: `c${index}-g${at}`,
                at: NOW - hours * HOUR,
                sender: 'guest' as const,
              })),
              ...c.replies.map((hours, at) => ({
                messageId: `c${index}-p${at}`,
                at: NOW - hours * HOUR,
                sender: 'property' as const,
              })),
            ],
            noReplyNeeded: false,
            noReplyNeededAt: null,
          },
        }))
        const properties = zones.map((timeZone, index) => ({
          propertyId: `p${index}`,
          name: `P${index}`,
          timeZone,
        }))
        changes.forEach((changed, round) => {
          const now = NOW + round * 7 * HOUR
          entries = entries.map((entry, index) =>
            changed.includes(index)
              ? {
                  ...entry,
                  metrics: {
                    ...entry.metrics,
                    messages: [
                      ...entry.metrics.messages,
                      { messageId: `r${round}-${index}`, at: now - HOUR, sender: 'property' },
                    ],
                  },
                }
              : entry,
          )
          const input = { properties, conversations: entries }
          const result = computeMetrics(input, now, { loaded: true, cache })
          const expected = direct(input, now)
          expect(result.overall).toEqual(expected.overall)
          result.properties.forEach((property, index) => {
            const { trend, ...summary } = expected.properties[index]!
            expect(property).toMatchObject(summary)
            expect(property.trend.map((point) => point.score)).toEqual(trend)
          })
        })
      }),
      { numRuns: 40 },
    )
  })
})
