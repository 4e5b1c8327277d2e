import { succeed } from './provider'
import type { Translation, TranslationResult } from './provider'

export interface BatchLimits {
  /** Texts per request. */
  maxTexts: number
  /** UTF-8 bytes of text per request, kept well under the service's body limit. */
  maxBytes: number
}

/**
 * Splits texts into consecutive groups within the limits. A single text larger than
 * `maxBytes` still gets a group of its own: the service then says it is too long, which is
 * a clearer message than anything we could invent.
 */
export function splitIntoBatches(texts: readonly string[], limits: BatchLimits): string[][] {
  const batches: string[][] = []
  let current: string[] = []
  let bytes = 0
  for (const text of texts) {
    const size = Buffer.byteLength(text, 'utf8')
    if (
      current.length > 0 &&
      (current.length >= limits.maxTexts || bytes + size > limits.maxBytes)
    ) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(text)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/**
 * Translates batch after batch, in order. The first failure ends the call: a half-translated
 * conversation would be harder to explain than "try again".
 */
export async function translateInBatches(
  texts: readonly string[],
  limits: BatchLimits,
  translateBatch: (batch: string[]) => Promise<TranslationResult<Translation[]>>,
): Promise<TranslationResult<{ translations: Translation[] }>> {
  const translations: Translation[] = []
  for (const batch of splitIntoBatches(texts, limits)) {
    const result = await translateBatch(batch)
    if (!result.ok) return result
    translations.push(...result.value)
  }
  return succeed({ translations })
}
