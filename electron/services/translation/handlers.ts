import type { BridgeHandlers } from '../bridge-dispatch'
import type { EventHub } from '../event-hub'
import type { TranslationService } from './service'

type TranslationChannel =
  'translation:status' | 'translation:configure' | 'translation:test' | 'translation:translate'

/** The translation channels; a new configuration is told to every window. */
export function createTranslationHandlers(
  translation: TranslationService,
  events: EventHub,
): Pick<BridgeHandlers, TranslationChannel> {
  return {
    'translation:status': () => translation.status(),
    'translation:configure': async (setup) => {
      const status = await translation.configure(setup)
      events.emit('translation:changed', status)
      return status
    },
    'translation:test': (args) => translation.test(args),
    'translation:translate': (request) => translation.translate(request),
  }
}
