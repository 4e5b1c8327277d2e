import { eld } from 'eld/small'
import { dominantScript, languageFromScript } from './scripts'

/**
 * Guest-message language detection, on the device: nothing here leaves the machine, and it
 * runs the same in the renderer and in Node. Non-Latin scripts are settled by their letters
 * (scripts.ts); Latin-script text goes to ELD's n-gram model, restricted to the languages a
 * hotel's guests are likely to write, so a short message cannot come out as Catalan or Tagalog.
 */

export interface DetectedLanguage {
  /** ISO 639-1 code, or null when the text is too short or too ambiguous to say. */
  language: string | null
  /**
   * 0–1. Grows with the length of the text and, for Latin script, with the lead of the best
   * candidate over the second; unique scripts (Thai, Korean…) start near 1. Not a probability.
   */
  confidence: number
}

/** The Latin-script languages ELD may answer: the Latin UI languages plus likely guests. */
export const latinCandidates: readonly string[] = [
  'en',
  'fr',
  'es',
  'pt',
  'de',
  'nl',
  'pl',
  'it',
  'tr',
]

/**
 * Every language detectLanguage can answer: the ten UI languages, other likely guests, and
 * the languages a script alone settles.
 */
export const detectableLanguages: readonly string[] = [
  ...latinCandidates,
  ...['ru', 'uk', 'ar', 'fa', 'ur', 'th', 'zh', 'ja', 'ko', 'he', 'el', 'hi'],
]

const unknown: DetectedLanguage = { language: null, confidence: 0 }

// Tokens that say nothing about the writer's language: links, addresses, booking and room
// numbers, and hotel words every language borrows from English ("¿A qué hora es el check-in?").
const noise = [
  /\bhttps?:\/\/\S+|\bwww\.\S+/giu,
  /\S+@\S+\.\S+/gu,
  /\S*\d\S*/gu,
  /(?<![\p{L}-])(?:ok(?:ay)?|wi-?fi|check-?in|check-?out|parking|taxi|hotel|booking)(?![\p{L}-])/giu,
]

function stripNoise(text: string): string {
  return noise.reduce((rest, pattern) => rest.replace(pattern, ' '), text)
}

/** Short texts are less certain: about half at 0 letters, full certainty from 40 letters on. */
function lengthFactor(letters: number): number {
  return Math.min(1, 0.5 + letters / 80)
}

// Below these, a Latin message is a greeting or a single borrowed word: "Hola", "Merci", "Si".
const minLatinLetters = 5
const minSingleWordLead = 0.08
// A lead smaller than this between the two best candidates is a coin toss: answer null.
const minLead = 0.02

function detectLatin(text: string, letters: number): DetectedLanguage {
  const words = text.split(/\s+/u).filter((word) => /\p{L}/u.test(word)).length
  if (letters < minLatinLetters) return unknown
  const scores = Object.entries(eld.detect(text).getScores())
    .filter(([language]) => latinCandidates.includes(language))
    .sort((a, b) => b[1] - a[1])
  const [best, second] = scores
  if (!best) return unknown
  const lead = best[1] - (second?.[1] ?? 0)
  if (lead < (words < 2 ? minSingleWordLead : minLead)) return unknown
  // A lead of 0.15 or more between n-gram scores is as clear as ELD gets.
  const clarity = Math.min(1, 0.4 + lead * 4)
  return { language: best[0], confidence: round(clarity * lengthFactor(letters)) }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * The language of a guest message, or `{ language: null }` for "OK", "👍", a booking number
 * or anything else too short or mixed to tell.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const cleaned = stripNoise(text.normalize('NFC'))
  const dominant = dominantScript(cleaned)
  if (!dominant || dominant.letters < 2) return unknown
  const verdict = languageFromScript(dominant.script, cleaned)
  if (verdict) {
    return {
      language: verdict.language,
      confidence: round(verdict.certainty * lengthFactor(dominant.letters)),
    }
  }
  return detectLatin(cleaned, dominant.letters)
}
