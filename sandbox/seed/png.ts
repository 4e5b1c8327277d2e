import { deflateSync } from 'node:zlib'

// A minimal PNG encoder (8-bit RGB, no interlace): enough to make real, valid little
// images for the demo seed without an image library.

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1
  return value >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export type Pixel = (x: number, y: number) => [number, number, number]

export function encodePng(width: number, height: number, pixel: Pixel): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y += 1) {
    const start = y * (1 + width * 3)
    for (let x = 0; x < width; x += 1) rows.set(pixel(x, y), start + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** A little street map: blocks, a river, a red pin at the property. */
export function mapPng(): Buffer {
  return encodePng(96, 72, (x, y) => {
    const dx = x - 60
    const dy = y - 30
    if (dx * dx + dy * dy < 20) return [214, 40, 40]
    if (Math.abs(y - (48 + Math.round(6 * Math.sin(x / 9)))) < 4) return [110, 160, 220]
    if (x % 24 < 3 || y % 18 < 3) return [250, 250, 245]
    return [226, 220, 204]
  })
}
