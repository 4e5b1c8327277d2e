// How words are compared by the search: the same function folds the stored text and what the
// receptionist types, so "Müller", "muller" and "MULLER" meet, and so do "café"/"cafe",
// "ёлка"/"елка" and the Arabic spellings of one word with or without hamza and vowel marks.
// Thai, Lao and other scripts whose marks are letters (vowels, tone marks) keep them: removing
// them would merge different words.

/** Letters that carry their accent in their shape, not as a combining mark (NFD leaves them). */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  // Arabic: alef wasla, alef maqsura and ta marbuta are written interchangeably by guests.
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
}

const FOLDABLE = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g')

/**
 * Combining marks that only decorate a letter: Latin/Greek/Cyrillic diacritics and Arabic
 * harakat, hamza and madda (after NFD, "أ" is "ا" + hamza above), plus the Arabic tatweel
 * that stretches a word for looks. A class of combining marks on purpose (each range is a
 * block of marks); the lint rule guards against a mark glued to a letter by mistake.
 */
const DECORATIVE_MARKS =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g

const ASCII = /^[\x20-\x7e]*$/

const cache = new Map<string, string>()
const CACHE_LIMIT = 100_000

/** The form a word is indexed and searched under. */
export function foldWord(word: string): string {
  // Words repeat (Zipf): most are folded once. The cache is dropped whole when full.
  let folded = cache.get(word)
  if (folded === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    folded = fold(word)
    cache.set(word, folded)
  }
  return folded
}

function fold(word: string): string {
  const lower = word.toLowerCase()
  if (ASCII.test(lower)) return lower
  return lower
    .replace(FOLDABLE, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(DECORATIVE_MARKS, '')
    .normalize('NFC')
}
