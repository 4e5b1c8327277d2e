import {
  dailyReplyScores,
  medianReplyTime,
  replyForecast,
  replyScore,
  type MetricsConversation,
  type ReplyForecast,
  type ReplyScore,
  type ReplyTime,
} from '@shared/metrics'
import { propertyToday } from '@shared/stays'

// What the metrics screens show, computed from the worker's input with shared/metrics only
// (the same functions the list's deadlines come from, db/derive.ts). Plain data: it crosses
// from the worker to the page by structured clone.

export const TREND_DAYS = 90

export interface MetricsInput {
  properties: { propertyId: string; name: string; timeZone: string }[]
  conversations: { propertyId: string; guestName: string | null; metrics: MetricsConversation }[]
}

export interface TrendPoint {
  date: string
  /** 0 to 1, or null while there were not enough messages that day. */
  score: number | null
}

export interface ScoreSummary {
  score: ReplyScore
  /** Unanswered guest messages still inside their 24 hours. */
  atRisk: number
  ifAnswered: ReplyScore
  ifMissed: ReplyScore
  replyTime: ReplyTime | null
}

export interface PropertyMetrics extends ScoreSummary {
  propertyId: string
  name: string
  trend: TrendPoint[]
}

export interface AtRiskItem {
  propertyId: string
  propertyName: string
  conversationId: string
  messageId: string
  guestName: string | null
  receivedAt: number
  targetAt: number
  replyDeadline: number
}

export interface MetricsResult {
  loaded: boolean
  now: number
  overall: ScoreSummary
  properties: PropertyMetrics[]
  /** Every property's at-risk messages, least time left first. */
  atRisk: AtRiskItem[]
}

interface ComputeOptions {
  loaded: boolean
  /** The input's version: a property's trend is kept until it or the property's day changes. */
  version: number
  cache: Map<string, unknown>
}

function trendOf(
  conversations: readonly MetricsConversation[],
  now: number,
  timeZone: string,
): TrendPoint[] {
  return dailyReplyScores(conversations, now, timeZone, TREND_DAYS).map((day) => ({
    date: day.date,
    score: day.score.status === 'ready' ? day.score.score : null,
  }))
}

function summaryOf(
  conversations: readonly MetricsConversation[],
  now: number,
  timeZone: string,
): { summary: ScoreSummary; forecast: ReplyForecast } {
  const forecast = replyForecast(conversations, now, timeZone)
  const summary: ScoreSummary = {
    score: replyScore(conversations, now),
    atRisk: forecast.atRisk.length,
    ifAnswered: forecast.ifAnswered,
    ifMissed: forecast.ifMissed,
    replyTime: medianReplyTime(conversations, now),
  }
  return { summary, forecast }
}

export function computeMetrics(
  input: MetricsInput,
  now: number,
  { loaded, version, cache }: ComputeOptions,
): MetricsResult {
  const byProperty = new Map<string, MetricsInput['conversations']>()
  for (const entry of input.conversations) {
    const list = byProperty.get(entry.propertyId)
    if (list) list.push(entry)
    else byProperty.set(entry.propertyId, [entry])
  }
  const atRisk: AtRiskItem[] = []
  const properties = input.properties.map((property): PropertyMetrics => {
    const entries = byProperty.get(property.propertyId) ?? []
    const conversations = entries.map((entry) => entry.metrics)
    const { forecast, summary } = summaryOf(conversations, now, property.timeZone)
    const names = new Map(entries.map((entry) => [entry.metrics.conversationId, entry.guestName]))
    for (const item of forecast.atRisk) {
      atRisk.push({
        propertyId: property.propertyId,
        propertyName: property.name,
        conversationId: item.conversationId,
        messageId: item.messageId,
        guestName: names.get(item.conversationId) ?? null,
        receivedAt: item.receivedAt,
        targetAt: item.targetAt,
        replyDeadline: item.replyDeadline,
      })
    }
    // The trend of past days changes only with the data or the property's date; today's point
    // is the score now.
    const key = `${property.propertyId}|${version}|${propertyToday(now, property.timeZone)}`
    let trend = cache.get(key) as TrendPoint[] | undefined
    if (!trend) {
      trend = trendOf(conversations, now, property.timeZone)
      for (const old of cache.keys())
        if (old.startsWith(`${property.propertyId}|`)) cache.delete(old)
      cache.set(key, trend)
    }
    const today = summary.score.status === 'ready' ? summary.score.score : null
    const last = trend.at(-1)
    return {
      propertyId: property.propertyId,
      name: property.name,
      ...summary,
      trend: last ? [...trend.slice(0, -1), { date: last.date, score: today }] : trend,
    }
  })
  atRisk.sort((a, b) => a.targetAt - b.targetAt || a.messageId.localeCompare(b.messageId))
  // Across properties the 14-day deadlines are not used, only the scores: any zone will do.
  const overall = summaryOf(
    input.conversations.map((entry) => entry.metrics),
    now,
    'UTC',
  ).summary
  return { loaded, now, overall, properties, atRisk }
}
