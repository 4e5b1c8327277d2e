import { SNIFF_BYTES, sniffImageType, type ImageType } from '@shared/policy'

// Rule 4 judges a photo by its bytes, not its name: a PDF renamed `.jpg` is still a PDF. Beyond
// the accepted JPEG and PNG, a few common formats are recognised so the error can say what the
// file really is.

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'gif' | 'webp' | 'heic' | 'bmp' | 'tiff' | 'other'

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  bytes.every((byte, index) => head[at + index] === byte)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/** iPhone photos: HEIF containers (`ftyp` box) with one of these brands. */
const HEIF_BRANDS = ['heic', 'heix', 'heif', 'hevc', 'mif1', 'msf1']

/** Bytes needed by `fileKindOf`. */
export const KIND_BYTES = 16

export function fileKindOf(head: Uint8Array): FileKind {
  const accepted: ImageType | null = sniffImageType(head.subarray(0, SNIFF_BYTES))
  if (accepted === 'image/jpeg') return 'jpeg'
  if (accepted === 'image/png') return 'png'
  if (startsWith(head, ascii('%PDF'))) return 'pdf'
  if (startsWith(head, ascii('GIF8'))) return 'gif'
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp'
  if (startsWith(head, ascii('ftyp'), 4) && HEIF_BRANDS.some((b) => startsWith(head, ascii(b), 8)))
    return 'heic'
  if (startsWith(head, ascii('BM'))) return 'bmp'
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff'
  return 'other'
}

/** The accepted image type of these bytes, or null (rule 4). */
export function acceptedImageType(bytes: Uint8Array): ImageType | null {
  return sniffImageType(bytes.subarray(0, SNIFF_BYTES))
}

/** `photo.png` → `photo.jpg`: a downscaled photo is always JPEG. */
export function jpegName(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName
  return `${stem || 'photo'}.jpg`
}
