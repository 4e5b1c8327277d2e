import { fail } from './provider'
import type { TranslationProvider } from './provider'

const notConfigured = {
  code: 'not_configured',
  message: 'No translation service is configured, so no guest text is sent anywhere.',
} as const

/**
 * The provider when none is configured. It holds no address and no fetch, so it cannot
 * send guest text anywhere by construction (issue 9: nothing leaves the machine unless a
 * provider is configured).
 */
export const noProvider: TranslationProvider = {
  id: 'none',
  kind: 'none',
  describeRecipient: () => null,
  languages: async () => fail({ ...notConfigured }),
  translate: async () => fail({ ...notConfigured }),
}
