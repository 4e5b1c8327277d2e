/**
 * Cheap writing-system checks that settle a language before any statistics: a script used
 * by one likely guest language (Thai, Hangul, Greek…) is a better signal than n-grams, and
 * it works on a two-letter message where n-gram models guess.
 */

export type Script =
  | 'latin'
  | 'cyrillic'
  | 'arabic'
  | 'thai'
  | 'hebrew'
  | 'greek'
  | 'devanagari'
  | 'hangul'
  | 'kana'
  | 'han'

const scriptPatterns: Record<Script, RegExp> = {
  latin: /\p{Script=Latin}/u,
  cyrillic: /\p{Script=Cyrillic}/u,
  arabic: /\p{Script=Arabic}/u,
  thai: /\p{Script=Thai}/u,
  hebrew: /\p{Script=Hebrew}/u,
  greek: /\p{Script=Greek}/u,
  devanagari: /\p{Script=Devanagari}/u,
  hangul: /\p{Script=Hangul}/u,
  kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  han: /\p{Script=Han}/u,
}

const scripts = Object.keys(scriptPatterns) as Script[]

export interface ScriptCount {
  script: Script
  letters: number
}

/** The script with the most letters, or null when the text has no letters of a known script. */
export function dominantScript(text: string): ScriptCount | null {
  const counts = new Map<Script, number>()
  for (const char of text.match(/\p{L}/gu) ?? []) {
    const script = scripts.find((name) => scriptPatterns[name].test(char))
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1)
  }
  // Japanese mixes kana with Han characters: any kana makes the Han letters Japanese too.
  const kana = counts.get('kana') ?? 0
  if (kana > 0) {
    counts.set('kana', kana + (counts.get('han') ?? 0))
    counts.delete('han')
  }
  let best: ScriptCount | null = null
  for (const [script, letters] of counts) {
    if (!best || letters > best.letters) best = { script, letters }
  }
  return best
}

// Letters that only some languages of a shared script use.
const ukrainianLetters = /[іїєґІЇЄҐ]/u
const russianLetters = /[ыэъёЫЭЪЁ]/u
const urduLetters = /[ٹڈڑںےھ]/u
const persianLetters = /[پچژگکی]/u

export interface ScriptVerdict {
  language: string
  /** How sure the script alone makes us, before the length of the text is counted. */
  certainty: number
}

/**
 * The language a non-Latin script settles, or null for Latin script, which needs the
 * statistical model. Cyrillic is Russian unless Ukrainian letters appear (other Cyrillic
 * languages are not likely guests); Arabic script is Arabic unless Persian or Urdu letters do.
 */
export function languageFromScript(script: Script, text: string): ScriptVerdict | null {
  switch (script) {
    case 'latin':
      return null
    case 'thai':
      return { language: 'th', certainty: 0.99 }
    case 'hangul':
      return { language: 'ko', certainty: 0.99 }
    case 'greek':
      return { language: 'el', certainty: 0.99 }
    case 'kana':
      return { language: 'ja', certainty: 0.97 }
    case 'hebrew':
      return { language: 'he', certainty: 0.95 }
    // Han alone is usually Chinese, but a Japanese message can be all kanji.
    case 'han':
      return { language: 'zh', certainty: 0.85 }
    // Devanagari also writes Marathi and Nepali.
    case 'devanagari':
      return { language: 'hi', certainty: 0.8 }
    case 'cyrillic':
      if (ukrainianLetters.test(text)) return { language: 'uk', certainty: 0.95 }
      return { language: 'ru', certainty: russianLetters.test(text) ? 0.95 : 0.8 }
    case 'arabic':
      if (urduLetters.test(text)) return { language: 'ur', certainty: 0.8 }
      if (persianLetters.test(text)) return { language: 'fa', certainty: 0.85 }
      return { language: 'ar', certainty: 0.95 }
  }
}
