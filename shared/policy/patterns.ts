// Building blocks of the link and address patterns (rules 5 and 6). Hosts may be written in
// any script (IDN) or in punycode; top-level domains are the ones phishers and guests use.

const LABEL_CHAR = '[\\p{L}\\p{M}\\p{N}]'
export const LABEL = `${LABEL_CHAR}(?:[\\p{L}\\p{M}\\p{N}-]*${LABEL_CHAR})?`

/** Common generic, country and IDN top-level domains. A bare `name.tld` is a link only with one of these. */
export const COMMON_TLDS: readonly string[] = [
  'com net org info biz io co me app dev link site online store shop xyz top club live',
  'click page pro vip icu win bid loan work host space website tech cloud email pay money',
  'bank finance cash travel hotel hotels booking ly gl to cc tv ws pw tk ml ga cf gq ru su',
  'uk de fr es it nl pl pt br th ae sa eg ma cn jp kr in us ca au nz ch at be se no dk fi',
  'ie gr tr ua by kz cz sk hu ro bg hr rs eu asia mobi name рф рус укр бел 中国 中國 ไทย مصر',
  'السعودية امارات',
].flatMap((line) => line.split(' '))

/**
 * TLDs that are also everyday words ("here.It was", "room.No"). Written in mixed case right
 * after a dot they read as a missing space, not a link; lower or upper case still counts.
 */
export const WORD_LIKE_TLDS = new Set([
  'it',
  'in',
  'me',
  'no',
  'at',
  'to',
  'be',
  'us',
  'co',
  'es',
  'de',
  'by',
])

const tldAlternation = [...COMMON_TLDS].sort((a, b) => b.length - a.length).join('|')
/** A TLD from the list or any punycode TLD (`xn--p1ai` is `рф`). */
export const TLD = `(?:${tldAlternation}|xn--[a-z0-9-]+)`

/** Characters that end a link in running text. */
export const URL_BODY = '[^\\s<>"\'`]'

/** Punctuation that closes a sentence rather than a link. */
export function trimTrailingPunctuation(text: string): string {
  let end = text.length
  while (end > 0) {
    const last = text.charAt(end - 1)
    const unbalancedParen = last === ')' && !text.slice(0, end - 1).includes('(')
    if (!/[.,;:!?\]}'"»”’…]/u.test(last) && !unbalancedParen) break
    end -= 1
  }
  return text.slice(0, end)
}
