import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dailyReplyScores,
  guestMessageOutcomes,
  medianReplyTime,
  outcomesAt,
  replyScore,
} from '@shared/metrics'
import { arbitraryConversations, conversation, DAY, HOUR, message, NOW, threads } from './builders'

describe('outcomes looked back on', () => {
  const subject = arbitraryConversations(fc.integer({ min: 0, max: 60 * DAY }))

  it('equal the outcomes computed at that instant', () => {
    fc.assert(
      fc.property(subject, fc.integer({ min: 0, max: 61 * DAY }), (conversations, back) => {
        const at = NOW - back
        const sort = (list: { messageId: string }[]) =>
          [...list].sort((a, b) => a.messageId.localeCompare(b.messageId))
        expect(sort(outcomesAt(guestMessageOutcomes(conversations, NOW), at))).toEqual(
          sort(guestMessageOutcomes(conversations, at)),
        )
      }),
    )
  })

  it('give each day the score replyScore gives at its end', () => {
    fc.assert(
      fc.property(subject, (conversations) => {
        const days = dailyReplyScores(conversations, NOW, 'Europe/Paris', 40)
        expect(days).toHaveLength(40)
        for (const day of days) expect(day.score).toEqual(replyScore(conversations, day.at))
      }),
      { numRuns: 30 },
    )
  })
})

describe('daily reply scores over many messages at the same instants', () => {
  // Instants on a 6-hour grid: messages received together, whose order is their ids, and
  // enough of them that a day's 30 days and its "last 10" both matter.
  const grid = (max: number) => fc.integer({ min: 0, max }).map((step) => step * 6 * HOUR)
  const subject = arbitraryConversations(grid(240), { guests: 6, replies: 4, conversations: 30 })

  it('take the last 10 among messages received together in the order of their ids', () => {
    // 50 guest messages at one instant, 40 days ago: the score is over the 10 first by id,
    // all answered late; the 40 others were answered in time.
    const at = NOW - 40 * DAY
    const conversations = Array.from({ length: 50 }, (_, index) => {
      const late = index < 10
      const id = late ? `a-${index}` : `b-${index}`
      return conversation(
        [
          { messageId: id, at, sender: 'guest' as const },
          {
            messageId: `r-${index}`,
            at: at + (late ? 30 * HOUR : HOUR),
            sender: 'property' as const,
          },
        ],
        null,
        `c-${index}`,
      )
    })
    const [today] = dailyReplyScores(conversations, NOW, 'UTC', 1)
    expect(today?.score).toEqual(replyScore(conversations, NOW))
    expect(today?.score).toMatchObject({ status: 'ready', score: 0, basis: 'last10Messages' })
  })

  it('give each day the score replyScore gives at its end', () => {
    fc.assert(
      fc.property(subject, (conversations) => {
        for (const day of dailyReplyScores(conversations, NOW, 'UTC', 70))
          expect(day.score).toEqual(replyScore(conversations, day.at))
      }),
      { numRuns: 40 },
    )
  })
})

describe('daily reply scores', () => {
  it('end each past day at the property clock and take today at now', () => {
    // NOW is 2024-06-30T12:00Z, 14:00 in Paris (UTC+2 in summer).
    const days = dailyReplyScores([], NOW, 'Europe/Paris', 3)
    expect(days.map((day) => day.date)).toEqual(['2024-06-28', '2024-06-29', '2024-06-30'])
    expect(days[1]?.at).toBe(Date.parse('2024-06-29T22:00:00.000Z') - 1)
    expect(days[2]?.at).toBe(NOW)
  })

  it('show the score moving from not enough messages to a figure as the 10th message settles', () => {
    // One message a day, each answered after 2 hours, the first 11 days ago.
    const history = Array.from({ length: 11 }, (_, index) => {
      const at = NOW - (11 - index) * DAY
      return conversation([message('guest', at), message('property', at + 2 * HOUR)])
    })
    const days = dailyReplyScores(history, NOW, 'UTC', 12)
    // The 12 days are 19 to 30 June; message k arrived at noon on 19 + k June, answered at 14:00.
    expect(days.map((day) => (day.score.status === 'ready' ? day.score.counted : 0))).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 11, 11,
    ])
    expect(days[8]?.score).toMatchObject({ status: 'notEnoughMessages', counted: 9 })
    expect(days[9]?.score).toMatchObject({ status: 'ready', score: 1, basis: 'last30Days' })
  })
})

describe('median reply time over 30 days', () => {
  it('is the middle wait, or the mean of the two middle ones', () => {
    const three = [...threads(1, 2 * DAY, HOUR), ...threads(1, 3 * DAY, 3 * HOUR)]
    three.push(...threads(1, 4 * DAY, 5 * HOUR))
    expect(medianReplyTime(three, NOW)).toEqual({ medianMs: 3 * HOUR, answered: 3 })
    const four = [...three, ...threads(1, 5 * DAY, 30 * HOUR)]
    expect(medianReplyTime(four, NOW)).toEqual({ medianMs: 4 * HOUR, answered: 4 })
  })

  it('gives every message of a burst its own wait until the one reply', () => {
    const burst = conversation([
      message('guest', NOW - 10 * HOUR),
      message('guest', NOW - 9 * HOUR),
      message('guest', NOW - 8 * HOUR),
      message('property', NOW - 7 * HOUR),
    ])
    expect(medianReplyTime([burst], NOW)).toEqual({ medianMs: 2 * HOUR, answered: 3 })
  })

  it('leaves out unanswered messages and those older than 30 days', () => {
    const subject = [
      ...threads(1, 2 * DAY, HOUR),
      ...threads(2, 3 * DAY, null),
      ...threads(1, 31 * DAY, 10 * HOUR),
    ]
    expect(medianReplyTime(subject, NOW)).toEqual({ medianMs: HOUR, answered: 1 })
    expect(medianReplyTime(threads(2, 2 * DAY, null), NOW)).toBeNull()
  })
})
