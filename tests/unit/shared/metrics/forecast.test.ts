import { describe, expect, it } from 'vitest'
import { replyForecast, replyScore } from '@shared/metrics'
import { conversation, DAY, HOUR, message, NOW, threads } from './builders'

describe('reply forecast', () => {
  it('lists only the messages still inside their 24 hours, most urgent first', () => {
    const late = conversation([message('guest', NOW - 30 * HOUR)])
    const soon = conversation([message('guest', NOW - 20 * HOUR)])
    const fresh = conversation([message('guest', NOW - HOUR)])
    const forecast = replyForecast([fresh, late, soon], NOW, 'UTC')
    expect(forecast.atRisk.map((item) => item.conversationId)).toEqual([
      soon.conversationId,
      fresh.conversationId,
    ])
    expect(forecast.settlesAt).toBe(NOW - HOUR + DAY + 1)
  })

  it('with 8 answered and 2 waiting: 100 % if both are answered, 80 % if both are missed', () => {
    const waiting = [conversation([message('guest', NOW - 3 * HOUR)])]
    waiting.push(conversation([message('guest', NOW - 2 * HOUR)]))
    const subject = [...threads(8, 2 * DAY, HOUR), ...waiting]
    expect(replyScore(subject, NOW)).toMatchObject({ status: 'notEnoughMessages', counted: 8 })
    const forecast = replyForecast(subject, NOW, 'UTC')
    expect(forecast.atRisk).toHaveLength(2)
    expect(forecast.ifAnswered).toMatchObject({ status: 'ready', score: 1, counted: 10 })
    expect(forecast.ifMissed).toMatchObject({ status: 'ready', score: 0.8, counted: 10 })
  })

  it('with 7 answered and 2 waiting stays below 10 messages either way', () => {
    const subject = [...threads(7, 2 * DAY, HOUR), ...threads(2, HOUR, null)]
    const forecast = replyForecast(subject, NOW, 'UTC')
    expect(forecast.ifAnswered).toMatchObject({ status: 'notEnoughMessages', counted: 9 })
    expect(forecast.ifMissed).toMatchObject({ status: 'notEnoughMessages', counted: 9 })
  })

  it('answers a burst of three with one reply: three messages in time', () => {
    const burst = conversation([
      message('guest', NOW - 3 * HOUR),
      message('guest', NOW - 2 * HOUR),
      message('guest', NOW - HOUR),
    ])
    const forecast = replyForecast([...threads(9, 2 * DAY, HOUR), burst], NOW, 'UTC')
    expect(forecast.atRisk).toHaveLength(3)
    expect(forecast.ifAnswered).toMatchObject({ score: 1, counted: 12 })
    expect(forecast.ifMissed).toMatchObject({ score: 0.75, counted: 12 })
  })

  it('drops a message marked no reply needed at 23 h, not one marked at 25 h', () => {
    const at = NOW - 2 * DAY
    const marked23 = conversation([message('guest', at)], { at: at + 23 * HOUR })
    const marked25 = conversation([message('guest', at)], { at: at + 25 * HOUR })
    const base = threads(10, 3 * DAY, HOUR)
    expect(replyForecast([...base, marked23], NOW, 'UTC').ifMissed).toMatchObject({
      score: 1,
      counted: 10,
    })
    expect(replyForecast([...base, marked25], NOW, 'UTC').ifMissed).toMatchObject({
      score: 10 / 11,
      counted: 11,
    })
  })

  it('with nothing waiting gives the score as it stands', () => {
    const subject = [...threads(9, 2 * DAY, HOUR), ...threads(2, 3 * DAY, 30 * HOUR)]
    const forecast = replyForecast(subject, NOW, 'UTC')
    expect(forecast.atRisk).toEqual([])
    expect(forecast.ifAnswered).toEqual(replyScore(subject, NOW))
    expect(forecast.ifMissed).toEqual(replyScore(subject, NOW))
  })
})
