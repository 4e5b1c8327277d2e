import { shallowRef } from 'vue'
import type { DetectedLanguage } from '@shared/language/detect'

/**
 * On-device language detection for the renderer. The detector carries n-gram tables of a few
 * megabytes, so it is loaded with a dynamic import the first time a conversation needs it,
 * never on the startup path; until then (and if it cannot load) languages are simply unknown.
 * Nothing here sends text anywhere.
 */

type Detect = (text: string) => DetectedLanguage

const detector = shallowRef<Detect | null>(null)
let loading: Promise<void> | null = null
const memo = new Map<string, DetectedLanguage>()
const MEMO_MAX = 5_000

/** The detector once loaded (reactive), starting the load on first use. */
export function useLanguageDetector() {
  loading ??= import('@shared/language/detect').then(
    (module) => {
      detector.value = module.detectLanguage
    },
    () => {
      // A failed load leaves every language unknown; the next session tries again.
    },
  )
  return detector
}

/** The language of a text, remembered per message id (messages never change, rule 7). */
export function detectOnce(detect: Detect, id: string, text: string): DetectedLanguage {
  const known = memo.get(id)
  if (known) return known
  const found = detect(text)
  if (memo.size >= MEMO_MAX) memo.clear()
  memo.set(id, found)
  return found
}

/** The primary subtag of a BCP 47 tag the platform gives (`en-gb` → `en`); null if none. */
export function baseLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase() ?? ''
  return /^[a-z]{2,3}$/.test(primary) ? primary : null
}
