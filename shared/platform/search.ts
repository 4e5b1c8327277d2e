import { z } from 'zod'
import { messageSchema } from './message'
import { idSchema, isoInstantSchema } from './primitives'

// Message search jobs, used to backfill after lost messages (PLATFORM.md, `GET /messages/search`).

/** The longest range one search may cover. */
export const SEARCH_RANGE_MAX_DAYS = 90
/** A ready job's results stay available this long. */
export const SEARCH_JOB_LIFETIME_HOURS = 48

/** `data` of `GET /messages/search?after=&before=&property_id=`. */
export const searchJobSchema = z.object({ job_id: idSchema })
export type SearchJob = z.infer<typeof searchJobSchema>

export const SEARCH_JOB_STATUSES = ['pending', 'ready', 'expired'] as const
export const searchJobStatusSchema = z.enum(SEARCH_JOB_STATUSES)
export type SearchJobStatus = z.infer<typeof searchJobStatusSchema>

/** `data` of `GET /messages/search/result/{job_id}`; messages only once `ready`. */
export const searchResultSchema = z.object({
  job_id: idSchema,
  status: searchJobStatusSchema,
  messages: z.array(messageSchema).default([]),
  expires_at: isoInstantSchema.nullish().transform((value) => value ?? null),
  next_page_id: z
    .string()
    .nullish()
    .transform((value) => (value ? value : null)),
})
export type SearchResult = z.infer<typeof searchResultSchema>
