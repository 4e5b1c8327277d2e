// Bytes over the web host's JSON. Electron's IPC clones a `Uint8Array` as it is (no copy to
// text); HTTP carries JSON, where bytes travel as `{ "$bytes": "<base64>" }`. The web host and
// the renderer's HTTP transport both use these two functions, so the encoding lives once.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let index = 0; index < ALPHABET.length; index += 1) DECODE[ALPHABET.charCodeAt(index)] = index

/** Standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  // Chunks keep String.fromCharCode's argument list short and the joins cheap.
  for (let start = 0; start < bytes.length; start += 3 * 4096) {
    const end = Math.min(bytes.length, start + 3 * 4096)
    const codes: number[] = []
    for (let index = start; index < end; index += 3) {
      const a = bytes[index]!
      const b = index + 1 < end ? bytes[index + 1]! : 0
      const c = index + 2 < end ? bytes[index + 2]! : 0
      codes.push(
        ALPHABET.charCodeAt(a >> 2),
        ALPHABET.charCodeAt(((a & 3) << 4) | (b >> 4)),
        index + 1 < end ? ALPHABET.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61,
        index + 2 < end ? ALPHABET.charCodeAt(c & 63) : 61,
      )
    }
    parts.push(String.fromCharCode(...codes))
  }
  return parts.join('')
}

/** Decodes standard base64 (padding required when the length needs it); null when it is not. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - padding)
  let written = 0
  for (let index = 0; index < text.length; index += 4) {
    let group = 0
    for (let offset = 0; offset < 4; offset += 1) {
      const code = text.charCodeAt(index + offset)
      const isPad = code === 61 && index + 4 === text.length && offset >= 4 - padding
      const value = isPad ? 0 : code < 128 ? DECODE[code]! : -1
      if (value < 0) return null
      group = (group << 6) | value
    }
    if (written < out.length) out[written++] = (group >> 16) & 0xff
    if (written < out.length) out[written++] = (group >> 8) & 0xff
    if (written < out.length) out[written++] = group & 0xff
  }
  return out
}

const BYTES_KEY = '$bytes'

/** Replaces every `Uint8Array` (a Node Buffer too) with `{ $bytes }`, ready for JSON.stringify. */
export function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: encodeBase64(value) }
  if (Array.isArray(value)) return value.map(toWire)
  if (value !== null && typeof value === 'object') {
    return mapEntries(value, toWire)
  }
  return value
}

/** A copy with each value mapped; `__proto__` from JSON stays a plain key, not a prototype. */
function mapEntries(value: object, map: (child: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: map(child),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function isBytesMarker(value: object): value is { $bytes: string } {
  const keys = Object.keys(value)
  return (
    keys.length === 1 &&
    keys[0] === BYTES_KEY &&
    typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string'
  )
}

/**
 * The reverse of `toWire`, after JSON.parse. A marker whose text is not base64 is left as it
 * is, so the receiving schema (`z.instanceof(Uint8Array)`) refuses it.
 */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire)
  if (value !== null && typeof value === 'object') {
    if (isBytesMarker(value)) return decodeBase64(value.$bytes) ?? value
    return mapEntries(value, fromWire)
  }
  return value
}
