import { isLanguageCode } from './codes'
import { unsupportedPair } from './errors'
import { fail, succeed } from './provider'
import type { TranslateRequest, Translation, TranslationResult } from './provider'

type Answer = TranslationResult<{ translations: Translation[] }>

/**
 * What every provider does before the network: refuse codes that are not ISO 639 codes,
 * answer without a request when there is nothing to translate or the languages are the
 * same (no guest text leaves the machine for nothing, no quota is spent), and keep blank
 * texts out of the request (services reject them) while answering them in place.
 */
export async function translateCarefully(
  service: string,
  request: TranslateRequest,
  send: (texts: string[]) => Promise<Answer>,
): Promise<Answer> {
  const { texts, source, target } = request
  if (!isLanguageCode(target) || (source !== null && !isLanguageCode(source))) {
    return fail(unsupportedPair(service, source, target, 'use two-letter language codes'))
  }
  const unchanged = (text: string): Translation => ({ text, detectedSource: null })
  if (source === target) return succeed({ translations: texts.map(unchanged) })
  const toSend = texts.filter((text) => text.trim() !== '')
  if (toSend.length === 0) return succeed({ translations: texts.map(unchanged) })
  const sent = await send(toSend)
  if (!sent.ok) return sent
  if (sent.value.translations.length !== toSend.length) {
    const detail = `${sent.value.translations.length} translations for ${toSend.length} texts`
    return fail({ code: 'malformed_response', message: `${service} sent ${detail}.` })
  }
  const answers = sent.value.translations[Symbol.iterator]()
  return succeed({
    translations: texts.map((text) =>
      text.trim() === '' ? unchanged(text) : (answers.next().value as Translation),
    ),
  })
}
