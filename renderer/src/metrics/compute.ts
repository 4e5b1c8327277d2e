import {
  byUrgency,
  dailyScoresOf,
  forecastOf,
  outcomeTable,
  replyTimeOf,
  scoreOf,
  type MetricsConversation,
  type Outcomes,
  type OutcomeTable,
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
  /**
   * Kept between computations: each property's outcome table (shared/metrics/table.ts) until
   * one of its conversations changes, and its trend until then or until its day changes. The
   * overall figures read all the tables together.
   */
  cache: Map<string, unknown>
}

interface KeptTable {
  conversations: readonly MetricsConversation[]
  table: OutcomeTable
}

interface KeptTrend {
  table: OutcomeTable
  timeZone: string
  day: string
  trend: TrendPoint[]
}

/** The cache's name for the conversations under no listed property (no property id has it). */
const UNLISTED = '\u0000unlisted'

/** The same conversations, each the same object (the model replaces an entry it changes). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

/** The property's outcome table, worked out again only when one of its conversations changed. */
function tableFor(
  cache: Map<string, unknown>,
  propertyId: string,
  conversations: readonly MetricsConversation[],
): OutcomeTable {
  const key = `table|${propertyId}`
  const kept = cache.get(key) as KeptTable | undefined
  if (kept && sameItems(kept.conversations, conversations)) return kept.table
  const table = outcomeTable(conversations)
  cache.set(key, { conversations, table } satisfies KeptTable)
  return table
}

function trendOf(table: OutcomeTable, now: number, timeZone: string): TrendPoint[] {
  return dailyScoresOf(table, now, timeZone, TREND_DAYS).map((day) => ({
    date: day.date,
    score: day.score.status === 'ready' ? day.score.score : null,
  }))
}

function summaryOf(
  table: Outcomes,
  now: number,
  timeZone: string,
): { summary: ScoreSummary; forecast: ReplyForecast } {
  const forecast = forecastOf(table, now, timeZone)
  const summary: ScoreSummary = {
    score: scoreOf(table, now),
    atRisk: forecast.atRisk.length,
    ifAnswered: forecast.ifAnswered,
    ifMissed: forecast.ifMissed,
    replyTime: replyTimeOf(table, now),
  }
  return { summary, forecast }
}

export function computeMetrics(
  input: MetricsInput,
  now: number,
  { loaded, cache }: ComputeOptions,
): MetricsResult {
  const byProperty = new Map<string, MetricsInput['conversations']>()
  for (const entry of input.conversations) {
    const list = byProperty.get(entry.propertyId)
    if (list) list.push(entry)
    else byProperty.set(entry.propertyId, [entry])
  }
  const atRisk: AtRiskItem[] = []
  const tables: OutcomeTable[] = []
  const keys = new Set<string>()
  const properties = input.properties.map((property): PropertyMetrics => {
    const entries = byProperty.get(property.propertyId) ?? []
    const table = tableFor(
      cache,
      property.propertyId,
      entries.map((entry) => entry.metrics),
    )
    tables.push(table)
    const { forecast, summary } = summaryOf(table, now, property.timeZone)
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
    // The trend of past days changes only with the data, the property's clock or its date;
    // today's point is the score now.
    const trendKey = `trend|${property.propertyId}`
    keys.add(trendKey).add(`table|${property.propertyId}`)
    const day = propertyToday(now, property.timeZone)
    let kept = cache.get(trendKey) as KeptTrend | undefined
    if (!kept || kept.table !== table || kept.timeZone !== property.timeZone || kept.day !== day) {
      kept = {
        table,
        timeZone: property.timeZone,
        day,
        trend: trendOf(table, now, property.timeZone),
      }
      cache.set(trendKey, kept)
    }
    const trend = kept.trend
    const today = summary.score.status === 'ready' ? summary.score.score : null
    const last = trend.at(-1)
    return {
      propertyId: property.propertyId,
      name: property.name,
      ...summary,
      trend: last ? [...trend.slice(0, -1), { date: last.date, score: today }] : trend,
    }
  })
  atRisk.sort(byUrgency)
  // Conversations under no listed property (not stored yet) count in the overall figures.
  const listed = new Set(input.properties.map((property) => property.propertyId))
  const unlisted = input.conversations
    .filter((entry) => !listed.has(entry.propertyId))
    .map((entry) => entry.metrics)
  if (unlisted.length > 0) {
    tables.push(tableFor(cache, UNLISTED, unlisted))
    keys.add(`table|${UNLISTED}`)
  }
  // A property no longer listed leaves nothing behind.
  for (const key of [...cache.keys()]) if (!keys.has(key)) cache.delete(key)
  // Across properties the 14-day deadlines are not used, only the scores: any zone will do.
  const overall = summaryOf(tables, now, 'UTC').summary
  return { loaded, now, overall, properties, atRisk }
}
