import { z } from 'zod'

// Machine translation of guest text (issue 9), as the bridge carries it. The API key goes in
// one direction only (renderer → Node side, when a service is configured or tested) and is
// never part of any answer: the UI learns only whether one is stored.

/** The services a desk can choose; `none` means no guest text ever leaves the machine. */
export const translationKindSchema = z.enum(['none', 'libretranslate', 'deepl'])
export type TranslationKind = z.infer<typeof translationKindSchema>

/** A bare ISO 639 code (`pt`, not `pt-BR`): the only form the providers accept. */
export const languageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code')

// Keys and addresses are checked in full on the Node side (electron/services/translation);
// here only their size, so an absurd value is refused before it is even looked at.
const address = z.string().trim().max(2048)
const apiKey = z.string().trim().max(256)

/**
 * A service as the settings form describes it. `apiKey`: a new key; `null` forgets the stored
 * one; left out, the stored key is kept, but only for the same service at the same address
 * (a key is never sent to a recipient it was not entered for).
 */
export const translationSetupSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('libretranslate'),
    baseUrl: address.min(1),
    apiKey: apiKey.nullish(),
  }),
  z.strictObject({
    kind: z.literal('deepl'),
    /** Empty: DeepL's own endpoint, Free or Pro as the key says. */
    baseUrl: address.nullish(),
    apiKey: apiKey.nullish(),
  }),
])
export type TranslationSetup = z.infer<typeof translationSetupSchema>

/** What the desk knows about its translation service; `translation:changed` carries it. */
export const translationStatusSchema = z.object({
  kind: translationKindSchema,
  /** The address as configured; null for none and for DeepL's own endpoint. */
  baseUrl: z.string().nullable(),
  /** Whether a key is stored in the secret store (never the key). */
  hasKey: z.boolean(),
  /** The host (and port) that receives guest text; null when nothing leaves the machine. */
  recipient: z.string().nullable(),
  /** Stable per service and endpoint, without the key: translations are cached under it. */
  providerId: z.string(),
})
export type TranslationStatus = z.infer<typeof translationStatusSchema>

/** "Test translation": the form's values before saving, or null for the saved service. */
export const translationTestArgsSchema = z.strictObject({
  setup: translationSetupSchema.nullable(),
  /** The staff's language: the sample is translated into it. */
  target: languageCodeSchema,
})
export type TranslationTestArgs = z.infer<typeof translationTestArgsSchema>

export const translationTestResultSchema = z.object({
  sample: z.string(),
  translation: z.string(),
  target: languageCodeSchema,
  recipient: z.string().nullable(),
})
export type TranslationTestResult = z.infer<typeof translationTestResultSchema>

/** [ours] One message is at most 5,000 characters (rule 11); a margin for long emails. */
export const TRANSLATE_TEXT_MAX = 20_000
export const TRANSLATE_TEXTS_MAX = 200

export const translateArgsSchema = z.strictObject({
  texts: z.array(z.string().max(TRANSLATE_TEXT_MAX)).min(1).max(TRANSLATE_TEXTS_MAX),
  /** The texts' language, or null to let the service detect it. */
  source: languageCodeSchema.nullable(),
  target: languageCodeSchema,
})
export type TranslateArgs = z.infer<typeof translateArgsSchema>

export const translateResultSchema = z.object({
  /** The service that translated: the cache records it with each translation. */
  providerId: z.string(),
  /** In the order of `texts`. */
  translations: z.array(
    z.object({ text: z.string(), detectedSource: languageCodeSchema.nullable() }),
  ),
})
export type TranslateResult = z.infer<typeof translateResultSchema>

/**
 * Why a translation failed, as `details.translation` of a bridge error: the provider's own
 * error (electron/services/translation/provider.ts) without its English message. The UI says
 * it with `translation:errors.<code>`.
 */
export const translationFailureCodes = [
  'not_configured',
  'invalid_config',
  'bad_key',
  'quota_exhausted',
  'rate_limited',
  'unsupported_pair',
  'timeout',
  'offline',
  'malformed_response',
  'provider_error',
] as const
export type TranslationFailureCode = (typeof translationFailureCodes)[number]

export interface TranslationFailure {
  code: TranslationFailureCode
  /** `invalid_config`: the setting to fix. */
  field?: 'kind' | 'baseUrl' | 'apiKey'
  /** `unsupported_pair`: the languages asked for (source null: detected by the service). */
  source?: string | null
  target?: string
  /** `provider_error`: the service's HTTP status. */
  status?: number
}
