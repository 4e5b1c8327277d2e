// Byte-level helpers for rule 4, pure JS: no Buffer, no atob (neither is part of ECMAScript).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]))
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Decoded byte length of standard base64 (RFC 4648 §4, padding optional), or null when the
 * text is not base64: wrong alphabet, misplaced padding or an impossible length.
 */
export function base64DecodedLength(text: string): number | null {
  if (!BASE64_PATTERN.test(text)) return null
  const body = text.replace(/=+$/, '')
  const padding = text.length - body.length
  if (padding > 0 && text.length % 4 !== 0) return null
  const rest = body.length % 4
  if (rest === 1) return null
  return Math.floor(body.length / 4) * 3 + (rest === 0 ? 0 : rest - 1)
}

/** Decodes standard base64, or null when it is not base64. `maxBytes` stops early (for sniffing). */
export function decodeBase64(text: string, maxBytes = Infinity): Uint8Array | null {
  const length = base64DecodedLength(text)
  if (length === null) return null
  const out = new Uint8Array(Math.min(length, maxBytes))
  let buffer = 0
  let bits = 0
  let written = 0
  for (let index = 0; index < text.length && written < out.length; index += 1) {
    const value = VALUES.get(text.charAt(index))
    if (value === undefined) break // padding
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[written] = (buffer >> bits) & 0xff
      written += 1
    }
  }
  return out
}

export type ImageType = 'image/jpeg' | 'image/png'

const SIGNATURES: readonly { type: ImageType; magic: readonly number[] }[] = [
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
]

/** Bytes needed to recognise any accepted type. */
export const SNIFF_BYTES = 8

/** Rule 4: what the bytes are (magic numbers), whatever the file is called or claims to be. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const match = SIGNATURES.find(({ magic }) => magic.every((byte, index) => head[index] === byte))
  return match?.type ?? null
}
