/**
 * One interface for every machine-translation service Innbox can send guest text to.
 * Guest messages are personal data: a provider only exists once the desk has configured
 * one (registry.ts), and `describeRecipient()` names the host that will receive the text,
 * so the settings page can say it plainly. Nothing here throws for an expected failure:
 * every call answers a `TranslationResult`.
 */

/** Today's services, and room for an engine that runs on this machine later. */
export type ProviderKind = 'libretranslate' | 'deepl' | 'on-device'

export type TranslationErrorCode = TranslationError['code']

export type TranslationError =
  /** No provider is configured: no guest text may leave the machine. */
  | { code: 'not_configured'; message: string }
  /** The configuration itself is refused (an http:// URL to another machine, an empty key). */
  | { code: 'invalid_config'; field: 'kind' | 'baseUrl' | 'apiKey'; message: string }
  /** The key is wrong, missing, or belongs to the other DeepL plan. */
  | { code: 'bad_key'; message: string }
  /** The account's character allowance is used up (DeepL 456). */
  | { code: 'quota_exhausted'; message: string }
  /** Too many requests; null when the service did not say when to come back. */
  | { code: 'rate_limited'; retryAfterMs: number | null; message: string }
  /** The service cannot translate from `source` (null: auto-detected) into `target`. */
  | { code: 'unsupported_pair'; source: string | null; target: string; message: string }
  /** No complete answer within the time limit. */
  | { code: 'timeout'; message: string }
  /** The service could not be reached: DNS, refused connection, TLS, reset. */
  | { code: 'offline'; message: string }
  /** An answer came that is not what the protocol says (HTML, wrong shape, too large). */
  | { code: 'malformed_response'; message: string }
  /** Any other refusal or server failure, with the HTTP status. */
  | { code: 'provider_error'; status: number; message: string }

export type TranslationResult<T> = { ok: true; value: T } | { ok: false; error: TranslationError }

export interface TranslateRequest {
  /** The texts, translated in one go and answered in the same order. */
  texts: readonly string[]
  /** ISO 639-1 code of the texts, or null to let the service detect it. */
  source: string | null
  /** ISO 639-1 code to translate into (the staff's language). */
  target: string
}

export interface Translation {
  text: string
  /** ISO 639-1 code the service detected, or null when the source was given or not reported. */
  detectedSource: string | null
}

export interface LanguageSupport {
  /** ISO 639-1 codes, regional variants folded into their language (`PT-BR` → `pt`). */
  source: string[]
  target: string[]
}

export interface TranslationProvider {
  /** Stable for one service and endpoint, never contains a key: for caches and logs. */
  readonly id: string
  readonly kind: ProviderKind | 'none'
  /** The host name (and port, if not the default) that receives guest text; null when none. */
  describeRecipient(): string | null
  languages(): Promise<TranslationResult<LanguageSupport>>
  translate(request: TranslateRequest): Promise<TranslationResult<{ translations: Translation[] }>>
}

export function succeed<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

export function fail(error: TranslationError): { ok: false; error: TranslationError } {
  return { ok: false, error }
}
