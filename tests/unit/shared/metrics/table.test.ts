import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  forecastOf,
  medianReplyTime,
  outcomeTable,
  replyForecast,
  replyScore,
  replyTimeOf,
  scoreOf,
  type MetricsConversation,
} from '@shared/metrics'
import { arbitraryConversations, conversation, DAY, HOUR, message, NOW } from './builders'

// The outcome table gives at any instant what the conversations give at that instant: the
// score, the reply time and the forecast, data later than the instant included (a desk clock
// behind the platform's).

// Messages and tags from 40 days ago to 2 days ahead, on an hourly grid so that many share an
// instant, and some guest messages are platform events that need no reply.
const instant = fc.integer({ min: -48, max: 40 * 24 }).map((hours) => hours * HOUR)
const subject = arbitraryConversations(instant, { conversations: 25 }).chain((conversations) =>
  fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }).map((events) =>
    conversations.map((c, index): MetricsConversation => ({
      ...c,
      messages: c.messages.map((m, at) =>
        m.sender === 'guest' && events[(index * 7 + at) % 64]! ? { ...m, needsReply: false } : m,
      ),
      // Some tags without a time: the platform gave none.
      ...(c.noReplyNeeded && index % 5 === 0 ? { noReplyNeededAt: null } : {}),
    })),
  ),
)
const at = fc.integer({ min: -3 * 24, max: 45 * 24 }).map((hours) => NOW - hours * HOUR)

describe('an outcome table', () => {
  it('gives the score replyScore gives, at any instant', () => {
    fc.assert(
      fc.property(subject, at, (conversations, instant) => {
        expect(scoreOf(outcomeTable(conversations), instant)).toEqual(
          replyScore(conversations, instant),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('gives the reply time medianReplyTime gives', () => {
    fc.assert(
      fc.property(subject, at, (conversations, instant) => {
        expect(replyTimeOf(outcomeTable(conversations), instant)).toEqual(
          medianReplyTime(conversations, instant),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('gives the forecast replyForecast gives', () => {
    fc.assert(
      fc.property(subject, at, (conversations, instant) => {
        expect(forecastOf(outcomeTable(conversations), instant, 'Europe/Paris')).toEqual(
          replyForecast(conversations, instant, 'Europe/Paris'),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('read with others gives what all their conversations give together', () => {
    fc.assert(
      fc.property(subject, subject, at, (first, second, instant) => {
        const renamed = second.map((c) => ({ ...c, conversationId: `other-${c.conversationId}` }))
        const merged = [outcomeTable(first), outcomeTable(renamed)]
        const all = [...first, ...renamed]
        expect(scoreOf(merged, instant)).toEqual(replyScore(all, instant))
        expect(replyTimeOf(merged, instant)).toEqual(medianReplyTime(all, instant))
        expect(forecastOf(merged, instant, 'UTC')).toEqual(replyForecast(all, instant, 'UTC'))
      }),
      { numRuns: 100 },
    )
  })

  it('reads a forecast with a reply to each waiting conversation, older messages included', () => {
    // An overdue message and a waiting one in the same conversation: answering now answers both.
    const both = conversation([message('guest', NOW - 30 * HOUR), message('guest', NOW - HOUR)])
    const answered = Array.from({ length: 10 }, (_, index) =>
      conversation([
        message('guest', NOW - 3 * DAY - index * HOUR),
        message('property', NOW - 3 * DAY - index * HOUR + HOUR),
      ]),
    )
    const forecast = forecastOf(outcomeTable([both, ...answered]), NOW, 'UTC')
    expect(forecast.atRisk.map((item) => item.receivedAt)).toEqual([NOW - HOUR])
    expect(forecast.ifAnswered).toMatchObject({ answeredInTime: 11, counted: 12 })
    expect(forecast.ifMissed).toMatchObject({ answeredInTime: 10, counted: 12 })
  })

  it('reads a forecast with the tags as they stand when it settles, as replyForecast does', () => {
    // Tagged "no reply needed" an hour ahead of this desk's clock: at risk now, not counted then.
    const tagged = conversation([message('guest', NOW - 3 * HOUR)], { at: NOW + HOUR })
    const answered = Array.from({ length: 10 }, (_, index) =>
      conversation([
        message('guest', NOW - 3 * DAY - index * HOUR),
        message('property', NOW - 3 * DAY - index * HOUR + HOUR),
      ]),
    )
    const all = [tagged, ...answered]
    const forecast = forecastOf(outcomeTable(all), NOW, 'UTC')
    expect(forecast).toEqual(replyForecast(all, NOW, 'UTC'))
    expect(forecast.atRisk).toHaveLength(1)
    expect(forecast.ifMissed).toMatchObject({ answeredInTime: 10, counted: 10 })
  })
})
