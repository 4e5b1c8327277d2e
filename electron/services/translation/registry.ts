import { z } from 'zod'
import { createDeepL } from './deepl'
import type { TransportOptions } from './http'
import { createLibreTranslate } from './libretranslate'
import { noProvider } from './none'
import { fail, succeed } from './provider'
import type { TranslationProvider, TranslationResult } from './provider'

/**
 * Builds the configured provider. The service and its address come from settings; the API
 * key comes from the secret store and is passed in here, held only inside the provider's
 * closure, and never logged or put into an error message.
 */

// Keys go into a header or a JSON body: refuse whitespace and control characters that could
// split a header, and absurd lengths, before anything is sent.
const apiKey = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/)

export const providerConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('libretranslate'),
    baseUrl: z.string().min(1),
    apiKey: apiKey.nullish(),
  }),
  z.object({
    kind: z.literal('deepl'),
    apiKey,
    baseUrl: z.string().min(1).nullish(),
    englishVariant: z.enum(['EN-GB', 'EN-US']).optional(),
    portugueseVariant: z.enum(['PT-PT', 'PT-BR']).optional(),
  }),
])

export type ProviderConfig = z.infer<typeof providerConfigSchema>

/**
 * The provider for a configuration; `null` (nothing configured) gives the provider that
 * never touches the network. A refused configuration answers `invalid_config`, naming the
 * field but never echoing the key.
 */
export function createProvider(
  config: ProviderConfig | null,
  transport: TransportOptions = {},
): TranslationResult<TranslationProvider> {
  if (config === null) return succeed(noProvider)
  const parsed = providerConfigSchema.safeParse(config)
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0]
    const known = field === 'baseUrl' || field === 'apiKey' ? field : 'kind'
    return fail({
      code: 'invalid_config',
      field: known,
      message: `The translation settings are incomplete or invalid (${known}).`,
    })
  }
  const valid = parsed.data
  switch (valid.kind) {
    case 'libretranslate':
      return createLibreTranslate({ ...transport, baseUrl: valid.baseUrl, apiKey: valid.apiKey })
    case 'deepl':
      return createDeepL({ ...transport, ...valid })
  }
}
