import { shallowReactive } from 'vue'
import type { DetectedLanguage } from '@shared/language/detect'
import { languageDetector, type LanguageDetector } from '@/language/detector'

/**
 * Guest messages' languages, detected on the device (language/detector.ts, in a worker) and
 * remembered per message id (messages never change, rule 7). Asking for one not known yet
 * answers undefined and sends it, with the others asked in the same turn, to the detector;
 * the answer arrives reactively. If detection cannot run, the answer is a language of null.
 */
export interface DetectionMemo {
  /** The message's language once detected (reactive); asks for it the first time. */
  languageOf(id: string, text: string): DetectedLanguage | undefined
}

const MEMO_MAX = 5_000

export function createDetectionMemo(detector: () => LanguageDetector): DetectionMemo {
  const known = shallowReactive(new Map<string, DetectedLanguage>())
  const asked = new Set<string>()
  let batch: { id: string; text: string }[] = []

  function flush(): void {
    const sent = batch
    batch = []
    detector()
      .detect(sent.map(({ text }) => text))
      .then(
        (found) => {
          if (known.size + sent.length > MEMO_MAX) {
            known.clear()
            asked.clear()
          }
          sent.forEach(({ id }, index) => {
            const language = found[index]
            if (language) known.set(id, language)
          })
        },
        () => {
          // Detection cannot run: these stay unknown (a language of null), asked again by the
          // next session.
          for (const { id } of sent) known.set(id, { language: null, confidence: 0 })
        },
      )
  }

  return {
    languageOf(id, text) {
      const found = known.get(id)
      if (found || asked.has(id)) return found
      asked.add(id)
      batch.push({ id, text })
      if (batch.length === 1) queueMicrotask(flush)
      return undefined
    },
  }
}

/** The page's memo over its one detector. */
export const detectionMemo = createDetectionMemo(languageDetector)

/** The primary subtag of a BCP 47 tag the platform gives (`en-gb` → `en`); null if none. */
export function baseLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase() ?? ''
  return /^[a-z]{2,3}$/.test(primary) ? primary : null
}
