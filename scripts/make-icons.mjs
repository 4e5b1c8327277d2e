// Renders the app icon from its vector source, resources/icon.svg, into every raster
// electron-builder and the OS need. Run with `npm run icons` after editing the SVG, then
// commit the results (resources/README.md explains what each file is for).
//
//   resources/icons/NxN.png  Linux icon set and window icons (N = 16 … 1024)
//   resources/icon.png       1024 px master raster
//   resources/icon.icns      macOS, built with png2icons
//   resources/icon.ico       Windows, built with png2icons
//
// Two things make the small sizes crisp instead of blurry downscales:
//  - Level of detail. Elements of the SVG with class "min-32" or "min-64" are only drawn
//    when the target is at least that many pixels wide (the bell disappears at 16 and 24,
//    its highlight below 64), so every size is rendered from vectors, never resampled.
//  - Framing. macOS icons keep Apple's grid (824 px body on a 1024 canvas, soft shadow)
//    at every size. Windows icons and the Linux sizes up to 48 px use a compact framing:
//    a whole-pixel margin of about a sixteenth of the size and no shadow, because at
//    16 px the macOS margin and shadow would only waste pixels and blur the edge.
// png2icons encodes each entry (BMP below 64 px, PNG above, as Windows executables want);
// the script renders every size itself and keeps, from each encoding, the entry that
// png2icons wrote at the rendered size without resampling it.

import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const resources = join(root, 'resources')
const source = readFileSync(join(resources, 'icon.svg'), 'utf8')

const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const COMPACT_PNG_MAX = 48

// Canvas and body of the macOS grid, as drawn in icon.svg.
const CANVAS = 1024
const BODY = 824

/**
 * viewBox of the compact framing at a given pixel size: a whole-pixel margin of one
 * sixteenth of the size (1 px at 16, 2 px at 32) so the body edge lands on the pixel grid.
 */
function compactViewBox(size) {
  const margin = Math.max(1, Math.floor(size / 16))
  const view = (BODY * size) / (size - 2 * margin)
  const origin = (CANVAS - view) / 2
  const n = (value) => Number(value.toFixed(4))
  return `viewBox="${n(origin)} ${n(origin)} ${n(view)} ${n(view)}"`
}

/**
 * The SVG text for one raster: level-of-detail and framing applied through a
 * stylesheet (resvg honours `display` and `filter` in CSS) and a viewBox change.
 * @param {number} size target width in pixels
 * @param {'mac' | 'compact'} framing
 */
function svgFor(size, framing) {
  const rules = []
  if (size < 32) rules.push('.min-32 { display: none }')
  if (size < 64) rules.push('.min-64 { display: none }')
  let svg = source
  if (framing === 'compact') {
    rules.push('#body { filter: none }')
    const viewBox = `viewBox="0 0 ${CANVAS} ${CANVAS}"`
    if (!svg.includes(viewBox)) throw new Error(`icon.svg must declare ${viewBox}`)
    svg = svg.replace(viewBox, compactViewBox(size))
  }
  const openTag = svg.match(/<svg\b[^>]*>/)
  if (!openTag) throw new Error('icon.svg has no <svg> element')
  const at = (openTag.index ?? 0) + openTag[0].length
  return `${svg.slice(0, at)}<style>${rules.join(' ')}</style>${svg.slice(at)}`
}

/** @returns {Buffer} PNG bytes */
function render(size, framing) {
  const resvg = new Resvg(svgFor(size, framing), {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  })
  const image = resvg.render()
  if (image.width !== size || image.height !== size) {
    throw new Error(`rendered ${image.width}x${image.height}, expected ${size}x${size}`)
  }
  return image.asPng()
}

// ---- ICO: header, 16-byte directory entries, then the images -------------------------

function readIco(buffer) {
  const count = buffer.readUInt16LE(4)
  return Array.from({ length: count }, (_, i) => {
    const entry = buffer.subarray(6 + i * 16, 6 + (i + 1) * 16)
    const size = entry.readUInt8(0) || 256
    const length = entry.readUInt32LE(8)
    const offset = entry.readUInt32LE(12)
    return { size, entry, data: buffer.subarray(offset, offset + length) }
  })
}

function writeIco(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length + images.length * 16
  const entries = images.map(({ entry, data }) => {
    const copy = Buffer.from(entry)
    copy.writeUInt32LE(data.length, 8)
    copy.writeUInt32LE(offset, 12)
    offset += data.length
    return copy
  })
  return Buffer.concat([header, ...entries, ...images.map(({ data }) => data)])
}

// ---- ICNS: 'icns' + total length, then chunks of type + length + data ----------------

const ICNS_PIXELS = {
  is32: 16,
  s8mk: 16,
  ic11: 32,
  il32: 32,
  l8mk: 32,
  ic12: 64,
  ic07: 128,
  ic13: 256,
  ic08: 256,
  ic14: 512,
  ic09: 512,
  ic10: 1024,
}

function readIcns(buffer) {
  const chunks = []
  for (let at = 8; at < buffer.length;) {
    const type = buffer.toString('latin1', at, at + 4)
    const length = buffer.readUInt32BE(at + 4)
    chunks.push({ type, bytes: buffer.subarray(at, at + length) })
    at += length
  }
  return chunks
}

function writeIcns(chunks) {
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  const body = Buffer.concat(chunks.map((chunk) => chunk.bytes))
  header.writeUInt32BE(header.length + body.length, 4)
  return Buffer.concat([header, body])
}

function must(buffer, what) {
  if (!buffer) throw new Error(`png2icons could not build ${what}`)
  return buffer
}

function buildIco() {
  // png2icons writes these sizes; each one comes from its own compact render.
  const sizes = [256, 128, 96, 72, 64, 48, 32, 24, 16]
  const images = sizes.map((size) => {
    const ico = must(
      png2icons.createICO(render(size, 'compact'), png2icons.BICUBIC2, 0, false, true),
      'icon.ico',
    )
    const image = readIco(ico).find((candidate) => candidate.size === size)
    if (!image) throw new Error(`png2icons wrote no ${size} px ICO entry`)
    return image
  })
  return writeIco(images)
}

function buildIcns() {
  const template = readIcns(
    must(png2icons.createICNS(render(1024, 'mac'), png2icons.BICUBIC2, 0), 'icon.icns'),
  )
  const bySize = new Map()
  const chunks = template.map(({ type }) => {
    const size = ICNS_PIXELS[type]
    if (size === undefined) throw new Error(`unexpected ICNS chunk ${type}`)
    if (!bySize.has(size)) {
      bySize.set(
        size,
        readIcns(
          must(png2icons.createICNS(render(size, 'mac'), png2icons.BICUBIC2, 0), 'icon.icns'),
        ),
      )
    }
    const chunk = bySize.get(size).find((candidate) => candidate.type === type)
    if (!chunk) throw new Error(`png2icons wrote no ${type} chunk`)
    return chunk
  })
  return writeIcns(chunks)
}

function main() {
  mkdirSync(join(resources, 'icons'), { recursive: true })
  for (const size of PNG_SIZES) {
    const framing = size <= COMPACT_PNG_MAX ? 'compact' : 'mac'
    writeFileSync(join(resources, 'icons', `${size}x${size}.png`), render(size, framing))
  }
  writeFileSync(join(resources, 'icon.png'), render(1024, 'mac'))
  writeFileSync(join(resources, 'icon.ico'), buildIco())
  writeFileSync(join(resources, 'icon.icns'), buildIcns())
  process.stdout.write(`icons written to ${resources}\n`)
}

main()
