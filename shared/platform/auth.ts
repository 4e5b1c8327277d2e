import { z } from 'zod'

// Token exchange (PLATFORM.md, Transport). Its answer is NOT an envelope: parse it with parseBody.

export const TOKEN_EXCHANGE_PATH = '/token-based-authentication/exchange'
/** A token lives one hour. */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000
/** At most this many tokens per hour per machine account. */
export const TOKENS_PER_HOUR_MAX = 30

export const tokenExchangeRequestSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
})
export type TokenExchangeRequest = z.infer<typeof tokenExchangeRequestSchema>

export const tokenExchangeResponseSchema = z.object({
  jwt: z.string().min(1),
  ruid: z.string().optional(),
})
export type TokenExchangeResponse = z.infer<typeof tokenExchangeResponseSchema>
