// Rule 4 allows JPEG or PNG photos of at most 1 MB each. A phone photo is often larger, so the
// composer offers to shrink it: decode, redraw smaller on a canvas, encode as JPEG, and repeat
// with a lower quality, then a smaller size, until it fits. The image operations are injected
// so the search itself is tested without a canvas (happy-dom has none).

export interface DecodedImage {
  width: number
  height: number
  close(): void
}

export interface ImageOps {
  decode(bytes: Uint8Array, type: string): Promise<DecodedImage>
  /** The image redrawn at `width` × `height` as JPEG bytes. */
  encode(image: DecodedImage, width: number, height: number, quality: number): Promise<Uint8Array>
}

export type DownscaleResult =
  | { ok: true; bytes: Uint8Array; width: number; height: number; quality: number }
  | { ok: false; code: 'undecodable' | 'cannotFit' }

/** [ours] Longest edge kept: more than a screen needs, far less than a phone camera takes. */
export const MAX_EDGE = 2560
/** [ours] Below this a photo stops being useful; give up rather than send a smear. */
export const MIN_EDGE = 320
const FIRST_QUALITY = 0.9
const LOWEST_QUALITY = 0.7
const MAX_ATTEMPTS = 14

/** Shrinks an image until its JPEG encoding is at most `maxBytes`, keeping its aspect ratio. */
export async function downscaleToFit(
  bytes: Uint8Array,
  type: string,
  maxBytes: number,
  ops: ImageOps = browserImageOps,
): Promise<DownscaleResult> {
  let image: DecodedImage
  try {
    image = await ops.decode(bytes, type)
  } catch {
    return { ok: false, code: 'undecodable' }
  }
  try {
    const longest = Math.max(image.width, image.height)
    if (longest === 0) return { ok: false, code: 'undecodable' }
    let scale = Math.min(1, MAX_EDGE / longest)
    let quality = FIRST_QUALITY
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const width = Math.max(1, Math.round(image.width * scale))
      const height = Math.max(1, Math.round(image.height * scale))
      const encoded = await ops.encode(image, width, height, quality)
      if (encoded.byteLength <= maxBytes)
        return { ok: true, bytes: encoded, width, height, quality }
      if (quality - 0.1 >= LOWEST_QUALITY - 1e-9) {
        quality = Math.round((quality - 0.1) * 10) / 10
        continue
      }
      // Bytes grow roughly with the area: shrink both edges by the square root, with margin.
      const factor = Math.min(0.9, Math.sqrt(maxBytes / encoded.byteLength) * 0.95)
      if (longest * scale * factor < MIN_EDGE) break
      scale *= factor
      quality = 0.85
    }
    return { ok: false, code: 'cannotFit' }
  } finally {
    image.close()
  }
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D

function canvasOf(
  width: number,
  height: number,
): {
  context: Canvas2D
  toJpeg: (quality: number) => Promise<Blob | null>
} {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d context')
    return {
      context,
      toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }),
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context')
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', quality)),
  }
}

/** Chromium's own decoder and canvas (Electron and the web host alike). */
export const browserImageOps: ImageOps = {
  async decode(bytes, type) {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type })
    return createImageBitmap(blob, { imageOrientation: 'from-image' })
  },
  async encode(image, width, height, quality) {
    const { context, toJpeg } = canvasOf(width, height)
    // JPEG has no transparency: a transparent PNG would turn black without a background.
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    context.imageSmoothingEnabled = true
    context.imageSmoothingQuality = 'high'
    context.drawImage(image as ImageBitmap, 0, 0, width, height)
    const blob = await toJpeg(quality)
    if (!blob) throw new Error('the canvas produced no image')
    return new Uint8Array(await blob.arrayBuffer())
  },
}
