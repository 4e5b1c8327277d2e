import { z } from 'zod'
import type { BridgeError } from './result'

// Platform accounts and the connection status, as the bridge carries them. A secret goes
// in one direction only (renderer → Node side, when an account is added or tested) and is
// never part of any answer.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for hosts that never leave this machine, where plain http is acceptable. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase())
}

/**
 * The platform's root URL (the Messaging API is under `/messaging`, the token exchange under
 * `/token-based-authentication`). https only, except on loopback (the built-in sandbox, a
 * sandbox run by hand): a bearer token must never cross a network in clear text. No
 * credentials, query or fragment; normalised without a trailing slash.
 */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .transform((text, context) => {
    const url = URL.canParse(text) ? new URL(text) : null
    const problem = !url
      ? 'is not a URL'
      : url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))
        ? 'must use https (plain http only on this machine: 127.0.0.1, localhost, [::1])'
        : url.username || url.password
          ? 'must not contain a user name or password'
          : url.search || url.hash
            ? 'must not contain a query or fragment'
            : null
    if (problem || !url) {
      context.addIssue({ code: 'custom', message: `The base URL ${problem}.` })
      return z.NEVER
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  })

export const accountIdSchema = z.string().min(1).max(100)
export const accountLabelSchema = z.string().trim().min(1).max(80)
/** Printable, no spaces: what platforms hand out as client ids. */
export const clientIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s\p{Cc}]+$/u, 'must be printable, without spaces')
/** Taken verbatim (no trimming): a secret is whatever the platform issued. */
export const clientSecretSchema = z.string().min(1).max(1000)

/**
 * How this desk finds new messages (PLATFORM.md, "Endpoints"): `queue` reads and confirms the
 * machine account's queue; `listDiff` compares conversation lists, for accounts that other
 * desks share (two desks confirming one queue steal each other's messages).
 */
export const syncModeSchema = z.enum(['queue', 'listDiff'])
export type SyncMode = z.infer<typeof syncModeSchema>

export const accountKindSchema = z.enum(['sandbox', 'platform'])
export type AccountKind = z.infer<typeof accountKindSchema>

/** The id of the built-in demo platform's pseudo-account. */
export const SANDBOX_ACCOUNT_ID = 'sandbox'

/** An account as the UI sees it: never its secret. */
export const accountSummarySchema = z.object({
  accountId: accountIdSchema,
  kind: accountKindSchema,
  /** The user's name for it; null for the built-in platform (the UI names it, translated). */
  label: z.string().nullable(),
  /** Empty for the built-in platform until it has started. */
  baseUrl: z.string(),
  clientId: z.string(),
  syncMode: syncModeSchema,
  active: z.boolean(),
})
export type AccountSummary = z.infer<typeof accountSummarySchema>

/** The built-in platform first, then the added accounts in the order they were added. */
export const accountListSchema = z.array(accountSummarySchema)

/** What the Settings form sends to add an account. */
export const accountDraftSchema = z.strictObject({
  label: accountLabelSchema,
  baseUrl: baseUrlSchema,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  syncMode: syncModeSchema.default('queue'),
})
export type AccountDraft = z.infer<typeof accountDraftSchema>

/** "Test connection": a stored account, or the credentials typed into the form. */
export const connectionTestSchema = z.union([
  z.strictObject({ accountId: accountIdSchema }),
  z.strictObject({
    baseUrl: baseUrlSchema,
    clientId: clientIdSchema,
    clientSecret: clientSecretSchema,
  }),
])
export type ConnectionTest = z.infer<typeof connectionTestSchema>

export const connectionTestResultSchema = z.object({
  /** How many properties the account may manage: proof that token and API both work. */
  propertyCount: z.number().int().nonnegative(),
})
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>

/**
 * `connecting` until the first answer; `offline` while the circuit breaker is open;
 * `unconfigured` while the active account cannot be used here (no secret on this host).
 */
export const connectionStateSchema = z.enum(['online', 'offline', 'connecting', 'unconfigured'])
export type ConnectionState = z.infer<typeof connectionStateSchema>

/** The active account and whether its platform answers; `platform:statusChanged` carries it. */
export const platformStatusSchema = z.object({
  state: connectionStateSchema,
  account: accountSummarySchema.nullable(),
  /** The last failure of a request to the platform, cleared by the next success. */
  lastError: z.custom<BridgeError>().nullable(),
  /** While offline: when the breaker lets the next attempt through (epoch ms). */
  retryAt: z.number().nullable(),
})
export type PlatformStatus = z.infer<typeof platformStatusSchema>
