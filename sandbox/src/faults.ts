import { z } from 'zod'

/** Faults injected into the Messaging API and the auth host (never into the control API). */
export const faultSettingsSchema = z.strictObject({
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  /** Share of requests answered with `status` instead of being handled. */
  error_rate: z.number().min(0).max(1).optional(),
  status: z
    .number()
    .int()
    .refine((code) => code === 429 || (code >= 500 && code <= 599), 'must be 429 or 5xx')
    .optional(),
  retry_after_s: z.number().int().min(0).max(3600).optional(),
  /** Share of requests whose connection is cut without an answer. */
  drop_rate: z.number().min(0).max(1).optional(),
  /** Cut the connection after the request was applied (the answer is lost, the write is not). */
  drop_after_commit: z.boolean().optional(),
  /** Every connection is cut: the platform is unreachable. */
  outage: z.boolean().optional(),
  /** Share of queue confirmations after which one confirmed message is delivered again. */
  redelivery_rate: z.number().min(0).max(1).optional(),
  /**
   * Only requests with these HTTP methods are struck (latency included); absent means all.
   * `["POST"]` cuts sends and uploads while reads still work, as in a crash after the write.
   */
  methods: z
    .array(z.enum(['GET', 'POST', 'PUT', 'DELETE']))
    .min(1)
    .optional(),
})
export type FaultSettings = z.infer<typeof faultSettingsSchema>

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'cut' }
  | { kind: 'error'; status: number; retryAfterS: number | undefined }
  | { kind: 'cut_after_commit' }

/** Decides, per request, which fault (if any) strikes. */
export function decideFault(
  faults: FaultSettings,
  method: string,
  random: () => number = Math.random,
): FaultDecision {
  if (!faultsApplyTo(faults, method)) return { kind: 'none' }
  if (faults.outage) return { kind: 'cut' }
  if (faults.drop_rate && random() < faults.drop_rate) {
    return faults.drop_after_commit ? { kind: 'cut_after_commit' } : { kind: 'cut' }
  }
  if (faults.error_rate && random() < faults.error_rate) {
    const status = faults.status ?? 503
    const retryAfterS = faults.retry_after_s ?? (status === 429 ? 1 : undefined)
    return { kind: 'error', status, retryAfterS }
  }
  return { kind: 'none' }
}

/** Whether the fault profile covers a request with this HTTP method. */
export function faultsApplyTo(faults: FaultSettings, method: string): boolean {
  return !faults.methods || (faults.methods as readonly string[]).includes(method)
}
