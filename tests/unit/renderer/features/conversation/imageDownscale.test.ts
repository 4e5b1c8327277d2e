import { describe, expect, it, vi } from 'vitest'
import {
  downscaleToFit,
  MAX_EDGE,
  MIN_EDGE,
  type DecodedImage,
  type ImageOps,
} from '@/composables/imageDownscale'
import { fileKindOf, jpegName } from '@/composables/photoBytes'
import { bytesOf } from './world'

const MB = 1024 * 1024

/** An encoder whose output grows with area and quality, as JPEG's does; it records each try. */
function encoder(width: number, height: number, bytesPerPixel: number) {
  const tries: { width: number; height: number; quality: number }[] = []
  const close = vi.fn()
  const ops: ImageOps = {
    decode: async (): Promise<DecodedImage> => ({ width, height, close }),
    encode: async (_image, w, h, quality) => {
      tries.push({ width: w, height: h, quality })
      return new Uint8Array(Math.round(w * h * quality * bytesPerPixel))
    },
  }
  return { ops, tries, close }
}

describe('shrinking a photo to fit', () => {
  it('keeps the size when the first encoding already fits', async () => {
    const { ops, tries } = encoder(1200, 800, 0.5)
    const result = await downscaleToFit(bytesOf('png'), 'image/png', MB, ops)
    expect(result).toMatchObject({ ok: true, width: 1200, height: 800, quality: 0.9 })
    expect(tries).toHaveLength(1)
  })

  it('lowers the quality first, then the size, until it fits, keeping the proportions', async () => {
    const { ops, tries, close } = encoder(4032, 3024, 1)
    const result = await downscaleToFit(bytesOf('jpeg'), 'image/jpeg', MB, ops)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.bytes.byteLength).toBeLessThanOrEqual(MB)
    expect(result.width / result.height).toBeCloseTo(4032 / 3024, 2)
    expect(tries.slice(0, 3).map((t) => t.quality)).toEqual([0.9, 0.8, 0.7])
    // Never larger than a screen needs.
    expect(Math.max(tries[0]!.width, tries[0]!.height)).toBe(MAX_EDGE)
    expect(close).toHaveBeenCalledOnce()
  })

  it('gives up rather than send a photo smaller than is useful', async () => {
    const { ops, tries, close } = encoder(3000, 2000, 1000)
    expect(await downscaleToFit(bytesOf('jpeg'), 'image/jpeg', MB, ops)).toEqual({
      ok: false,
      code: 'cannotFit',
    })
    for (const attempt of tries)
      expect(Math.max(attempt.width, attempt.height)).toBeGreaterThanOrEqual(MIN_EDGE)
    expect(close).toHaveBeenCalledOnce()
  })

  it('says when the image cannot be decoded', async () => {
    const ops: ImageOps = {
      decode: () => Promise.reject(new Error('broken')),
      encode: () => Promise.reject(new Error('unused')),
    }
    expect(await downscaleToFit(bytesOf('jpeg'), 'image/jpeg', MB, ops)).toEqual({
      ok: false,
      code: 'undecodable',
    })
  })
})

describe('what a file really is', () => {
  const ascii = (text: string, size = 16) => {
    const bytes = new Uint8Array(size)
    bytes.set([...text].map((c) => c.charCodeAt(0)))
    return bytes
  }

  it.each([
    ['jpeg', bytesOf('jpeg')],
    ['png', bytesOf('png')],
    ['pdf', bytesOf('pdf')],
    ['gif', ascii('GIF89a')],
    ['webp', ascii('RIFF\0\0\0\0WEBPVP8 ')],
    ['heic', ascii('\0\0\0\x18ftypheic')],
    ['bmp', ascii('BM')],
    ['other', ascii('<svg onload=x>')],
    ['other', ascii('\0\0\0\x18ftypisom')],
  ])('recognises %s by its bytes', (kind, bytes) => {
    expect(fileKindOf(bytes)).toBe(kind)
  })

  it('names a shrunk photo as the JPEG it became', () => {
    expect(jpegName('door.PNG')).toBe('door.jpg')
    expect(jpegName('IMG_0001.jpeg')).toBe('IMG_0001.jpg')
    expect(jpegName('.png')).toBe('.png.jpg')
    expect(jpegName('noext')).toBe('noext.jpg')
  })
})
