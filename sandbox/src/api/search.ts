import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  isoInstantSchema,
  SEARCH_JOB_LIFETIME_HOURS,
  SEARCH_RANGE_MAX_DAYS,
} from '../../../shared/platform'
import { ApiError, notFound, parseInput } from '../http/errors'
import type { ApiRequest } from '../http/types'
import { isReadable } from '../rules'
import type { MessageRecord, SearchJobRecord } from '../store/model'
import { commit, decodePageId, encodePageId, requireProperty } from './common'
import { messageWire, visibleMessages } from './wire'

// Search jobs (PLATFORM.md, Endpoints): backfill after lost messages. A job is `pending` for a
// moment, then `ready` for 48 hours; a range covers at most 90 days.

const DAY_MS = 24 * 60 * 60 * 1000
const RESULT_PAGE_SIZE = 100

const searchQuerySchema = z.object({
  after: isoInstantSchema,
  before: isoInstantSchema,
  property_id: z.string().min(1).optional(),
})

/** `GET /messages/search?after=&before=&property_id=` → `{ job_id }` */
export async function startSearch(request: ApiRequest) {
  const query = parseInput(searchQuerySchema, Object.fromEntries(request.query), 'query')
  const span = Date.parse(query.before) - Date.parse(query.after)
  if (span <= 0) throw new ApiError(400, 'invalid_request', 'before must be later than after.')
  if (span > SEARCH_RANGE_MAX_DAYS * DAY_MS) {
    throw new ApiError(
      400,
      'search_range_too_long',
      `A search covers at most ${SEARCH_RANGE_MAX_DAYS} days.`,
    )
  }
  if (query.property_id !== undefined) {
    requireProperty({ ...request, params: { property_id: query.property_id } })
  }
  const job: SearchJobRecord = {
    job_id: randomUUID(),
    client_id: request.account.client_id,
    after: query.after,
    before: query.before,
    property_id: query.property_id ?? null,
    created_at: request.runtime.clock.nowIso(),
  }
  await commit(request.runtime, [{ type: 'search_job_created', job }])
  return { job_id: job.job_id }
}

/** `GET /messages/search/result/{job_id}` */
export function searchResult(request: ApiRequest) {
  const id = request.params.job_id ?? ''
  const { state } = request.runtime.store
  const job = state.searchJobs.get(id)
  if (!job || job.client_id !== request.account.client_id) throw notFound('search_job', id)
  const readyAt = Date.parse(job.created_at) + request.runtime.options.searchReadyMs
  const expiresAt = readyAt + SEARCH_JOB_LIFETIME_HOURS * 60 * 60 * 1000
  const now = request.runtime.clock.now()
  const empty = { job_id: job.job_id, messages: [], next_page_id: null }
  if (now < readyAt) return { ...empty, status: 'pending', expires_at: null }
  if (now >= expiresAt)
    return { ...empty, status: 'expired', expires_at: new Date(expiresAt).toISOString() }
  const found = matchingMessages(request, job)
  const start = decodePageId(request.query.get('page_id'))
  const page = found.slice(start, start + RESULT_PAGE_SIZE)
  const end = start + page.length
  return {
    job_id: job.job_id,
    status: 'ready',
    messages: page.map((message) => messageWire(state, message, request.version)),
    expires_at: new Date(expiresAt).toISOString(),
    next_page_id: end < found.length ? encodePageId(end) : null,
  }
}

function matchingMessages(request: ApiRequest, job: SearchJobRecord): MessageRecord[] {
  const { state } = request.runtime.store
  const found: MessageRecord[] = []
  for (const conversation of state.conversations.values()) {
    const propertyId = conversation.property_id
    if (job.property_id !== null && propertyId !== job.property_id) continue
    if (!state.accountManages(request.account, propertyId)) continue
    if (!isReadable(request.runtime, conversation)) continue
    for (const message of visibleMessages(
      state.conversationMessages(conversation.conversation_id),
      request.version,
    )) {
      if (message.timestamp >= job.after && message.timestamp < job.before) found.push(message)
    }
  }
  return found.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
}
