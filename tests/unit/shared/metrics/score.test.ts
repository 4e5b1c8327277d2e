import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  countsAt,
  guestMessageOutcomes,
  replyScore,
  type GuestMessageOutcome,
} from '@shared/metrics'
import { arbitraryConversations, conversation, DAY, HOUR, message, NOW, threads } from './builders'

describe('what counts as a reply', () => {
  it('lets one property reply answer every guest message before it', () => {
    const subject = conversation([
      message('guest', NOW - 5 * HOUR),
      message('guest', NOW - 4 * HOUR),
      message('guest', NOW - 3 * HOUR),
      message('property', NOW - 2 * HOUR),
      message('guest', NOW - HOUR),
    ])
    expect(guestMessageOutcomes([subject], NOW).map((outcome) => outcome.repliedAt)).toEqual([
      NOW - 2 * HOUR,
      NOW - 2 * HOUR,
      NOW - 2 * HOUR,
      null,
    ])
  })

  it('does not count a property message at the same instant as the guest message', () => {
    const subject = conversation([message('property', NOW - HOUR), message('guest', NOW - HOUR)])
    expect(guestMessageOutcomes([subject], NOW)[0]?.repliedAt).toBeNull()
  })

  it('does not take replies from another conversation', () => {
    const asked = conversation([message('guest', NOW - 2 * HOUR)])
    const other = conversation([message('property', NOW - HOUR)])
    expect(guestMessageOutcomes([asked, other], NOW)[0]?.repliedAt).toBeNull()
  })

  it('leaves out guest messages that need no reply here (platform events)', () => {
    const subject = conversation([message('guest', NOW - HOUR, false)])
    expect(guestMessageOutcomes([subject], NOW)).toEqual([])
  })

  it('ignores messages after now', () => {
    const subject = conversation([message('guest', NOW - HOUR), message('property', NOW + 1)])
    expect(guestMessageOutcomes([subject], NOW)[0]?.repliedAt).toBeNull()
  })
})

describe('reply score (rule 9)', () => {
  it.each([
    [9, { status: 'notEnoughMessages', counted: 9, needed: 10 }],
    [10, { status: 'ready', score: 1, counted: 10, answeredInTime: 10, basis: 'last30Days' }],
    [11, { status: 'ready', score: 1, counted: 11, answeredInTime: 11, basis: 'last30Days' }],
  ])('with %i guest messages in 30 days gives %o', (count, expected) => {
    expect(replyScore(threads(count, 2 * DAY, HOUR), NOW)).toMatchObject(expected)
  })

  it('is the share answered within 24 hours', () => {
    const subject = [...threads(7, 2 * DAY, HOUR), ...threads(3, 3 * DAY, 30 * HOUR)]
    expect(replyScore(subject, NOW)).toMatchObject({
      status: 'ready',
      score: 0.7,
      answeredInTime: 7,
      counted: 10,
    })
  })

  it.each([
    ['24 hours less 1 ms', DAY - 1, 1],
    ['exactly 24 hours', DAY, 1],
    ['24 hours and 1 ms', DAY + 1, 0.9],
  ])('counts a reply after %s accordingly', (_label, replyAfter, score) => {
    const subject = [...threads(9, 2 * DAY, HOUR), ...threads(1, 5 * DAY, replyAfter)]
    expect(replyScore(subject, NOW)).toMatchObject({ score })
  })

  it('uses the last 10 messages when fewer than 10 arrived in 30 days', () => {
    const recent = threads(4, 2 * DAY, HOUR) // answered in time
    const older = threads(8, 40 * DAY, null) // never answered, 40 days and more ago
    const result = replyScore([...recent, ...older], NOW)
    expect(result).toMatchObject({
      status: 'ready',
      basis: 'last10Messages',
      counted: 10,
      answeredInTime: 4,
      score: 0.4,
    })
    // The two oldest unanswered messages fall outside the last 10.
    expect(result.status === 'ready' && result.since).toBe(NOW - 40 * DAY - 5 * HOUR)
  })

  it('says not enough messages yet below 10 in all', () => {
    expect(replyScore([], NOW)).toEqual({ status: 'notEnoughMessages', counted: 0, needed: 10 })
  })

  it('takes the 30 days to the millisecond', () => {
    const inside = conversation([message('guest', NOW - 30 * DAY + 1)])
    const outside = conversation([message('guest', NOW - 30 * DAY)])
    const answered = threads(9, 2 * DAY, HOUR)
    expect(replyScore([...answered, inside], NOW)).toMatchObject({
      basis: 'last30Days',
      counted: 10,
    })
    expect(replyScore([...answered, outside], NOW)).toMatchObject({
      basis: 'last10Messages',
      counted: 10,
    })
  })

  describe('"no reply needed"', () => {
    const unansweredAt = NOW - 3 * DAY
    const tagged = (after: number) =>
      conversation([message('guest', unansweredAt)], { at: unansweredAt + after })

    it('set at 23 h leaves the message out of the score', () => {
      expect(replyScore([...threads(10, 2 * DAY, HOUR), tagged(23 * HOUR)], NOW)).toMatchObject({
        score: 1,
        counted: 10,
      })
      expect(replyScore([...threads(9, 2 * DAY, HOUR), tagged(23 * HOUR)], NOW)).toMatchObject({
        status: 'notEnoughMessages',
        counted: 9,
      })
    })

    it('set at 25 h counts the message as not answered in time', () => {
      expect(replyScore([...threads(9, 2 * DAY, HOUR), tagged(25 * HOUR)], NOW)).toMatchObject({
        score: 0.9,
        counted: 10,
      })
    })

    it('set at exactly 24 h still leaves the message out', () => {
      expect(replyScore([...threads(10, 2 * DAY, HOUR), tagged(DAY)], NOW)).toMatchObject({
        counted: 10,
        score: 1,
      })
    })

    it('without a time does not leave the message out', () => {
      const untimed = conversation([message('guest', unansweredAt)], { at: null })
      expect(replyScore([...threads(9, 2 * DAY, HOUR), untimed], NOW)).toMatchObject({ score: 0.9 })
    })
  })

  it('does not count a message still inside its 24 hours until it is answered', () => {
    const waiting = conversation([message('guest', NOW - 2 * HOUR)])
    const answered = conversation([
      message('guest', NOW - 3 * HOUR),
      message('property', NOW - HOUR),
    ])
    expect(replyScore([...threads(9, 2 * DAY, HOUR), waiting], NOW)).toMatchObject({
      status: 'notEnoughMessages',
      counted: 9,
    })
    expect(replyScore([...threads(9, 2 * DAY, HOUR), answered], NOW)).toMatchObject({
      status: 'ready',
      counted: 10,
    })
  })

  describe('invariants', () => {
    const subject = arbitraryConversations(fc.integer({ min: 0, max: 60 * DAY }), {
      guests: 5,
      conversations: 20,
    })

    it('takes the 10 latest as a full sort by receipt, then id, would (messages at shared instants)', () => {
      // The reference: every countable outcome sorted, the first 10 taken.
      const reference = (outcomes: GuestMessageOutcome[], now: number) => {
        const sorted = outcomes
          .filter((outcome) => countsAt(outcome, now))
          .sort((a, b) => b.receivedAt - a.receivedAt || a.messageId.localeCompare(b.messageId))
        const basis = sorted.slice(0, 10)
        return {
          answered: basis.filter(
            (outcome) =>
              outcome.repliedAt !== null && outcome.repliedAt - outcome.receivedAt <= DAY,
          ).length,
          since: Math.min(...basis.map((outcome) => outcome.receivedAt)),
        }
      }
      const coarse = fc
        .array(
          fc.record({
            // Whole days 31 to 60 back: nothing in the last 30 days, so the last 10 are used.
            guests: fc.array(fc.integer({ min: 31, max: 60 }), { minLength: 1, maxLength: 5 }),
            reply: fc.option(fc.integer({ min: 1, max: 40 })),
          }),
          { minLength: 3, maxLength: 20 },
        )
        .map((facts) =>
          facts.map((fact, index) =>
            conversation(
              [
                ...fact.guests.map((days) => message('guest', NOW - days * DAY)),
                ...(fact.reply === null
                  ? []
                  : [message('property', NOW - 60 * DAY + fact.reply * HOUR * 20)]),
              ],
              null,
              `c-${index}`,
            ),
          ),
        )
      fc.assert(
        fc.property(coarse, (conversations) => {
          const result = replyScore(conversations, NOW)
          if (result.status !== 'ready') return
          expect(result.basis).toBe('last10Messages')
          const expected = reference(guestMessageOutcomes(conversations, NOW), NOW)
          expect({ answered: result.answeredInTime, since: result.since }).toEqual(expected)
        }),
      )
    })

    it('is a share between 0 and 1 over at least 10 messages', () => {
      fc.assert(
        fc.property(subject, (conversations) => {
          const result = replyScore(conversations, NOW)
          if (result.status === 'notEnoughMessages') {
            expect(result.counted).toBeLessThan(10)
            return
          }
          expect(result.score).toBeGreaterThanOrEqual(0)
          expect(result.score).toBeLessThanOrEqual(1)
          expect(result.answeredInTime).toBeLessThanOrEqual(result.counted)
          expect(result.counted).toBeGreaterThanOrEqual(10)
        }),
      )
    })

    it('does not depend on the order of conversations or messages', () => {
      fc.assert(
        fc.property(subject, (conversations) => {
          const reversed = [...conversations]
            .reverse()
            .map((item) => ({ ...item, messages: [...item.messages].reverse() }))
          expect(replyScore(reversed, NOW)).toEqual(replyScore(conversations, NOW))
        }),
      )
    })
  })
})
