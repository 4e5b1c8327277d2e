import { z } from 'zod'
import {
  translateArgsSchema,
  translateResultSchema,
  translationSetupSchema,
  translationStatusSchema,
  translationTestArgsSchema,
  translationTestResultSchema,
} from './translation-schemas'

// The channels through which the UI reaches a machine-translation service (issue 9). Errors
// carry `details.translation` (translation-schemas.ts) and, for rate limits, `retryAfterMs`.

export const translationInvokeContract = {
  /** The configured service (or none), whether a key is stored, and who receives guest text. */
  'translation:status': { args: z.tuple([]), result: translationStatusSchema },
  /**
   * Chooses the service (null: none, and the stored key is forgotten). The key goes to the
   * host's secret store, never to a settings file. Refused settings answer `invalid_argument`
   * with `details.translation.field`.
   */
  'translation:configure': {
    args: z.tuple([translationSetupSchema.nullable()]),
    result: translationStatusSchema,
  },
  /**
   * One real translation of a short English sample into `target` (French when that is
   * English), with the form's values before saving (`setup`) or the saved service (null).
   */
  'translation:test': {
    args: z.tuple([translationTestArgsSchema]),
    result: translationTestResultSchema,
  },
  /** Translates texts in order; `not_configured` when no service is chosen (nothing is sent). */
  'translation:translate': { args: z.tuple([translateArgsSchema]), result: translateResultSchema },
} as const

export const translationEventContract = {
  /** The translation service was configured or turned off (from any window or host). */
  'translation:changed': translationStatusSchema,
} as const
