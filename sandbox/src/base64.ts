/** Standard base64 with its padding, nothing else (no whitespace, no URL alphabet). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The bytes, or null for text that is not strict base64 (Buffer.from would silently skip junk). */
export function decodeBase64Strict(text: string): Buffer | null {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : null
}
