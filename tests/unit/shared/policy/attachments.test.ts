import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  base64DecodedLength,
  decodeBase64,
  evaluateAttachments,
  sniffImageType,
  type DraftAttachment,
} from '@shared/policy'
import { codes } from './builders'

const MB = 1024 * 1024
const JPEG = [0xff, 0xd8, 0xff, 0xe0]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37] // %PDF-1.7
const GIF = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]

function file(magic: number[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  bytes.set(magic.slice(0, size))
  return bytes
}

const config = { maxAttachmentBytes: MB }
const reservation = { conversationType: 'reservation' } as const
const check = (attachments: DraftAttachment[], text = 'Here is the map.') =>
  evaluateAttachments(reservation, { text, attachments }, config)

describe('attachments (rule 4)', () => {
  it.each([
    ['a JPEG', 'photo.jpg', 'image/jpeg', JPEG, 'image/jpeg'],
    ['a PNG', 'map.png', 'image/png', PNG, 'image/png'],
    ['a PNG declared as application/pdf', 'map.pdf', 'application/pdf', PNG, 'image/png'],
    ['a JPEG without extension or type', 'scan', undefined, JPEG, 'image/jpeg'],
  ])('accepts %s, known by its bytes', (_label, fileName, declaredType, magic, detected) => {
    const decision = check([{ fileName, declaredType, bytes: file(magic, 2048) }])
    expect(decision.allowed).toBe(true)
    expect(decision.attachments[0]).toEqual({
      index: 0,
      fileName,
      detectedType: detected,
      size: 2048,
    })
  })

  it.each([
    ['a PDF renamed .jpg', 'invoice.jpg', 'image/jpeg', PDF],
    ['a GIF', 'smile.gif', 'image/gif', GIF],
    ['a file of three JPEG-looking bytes cut short', 'cut.jpg', 'image/jpeg', [0xff, 0xd8]],
    ['an empty file', 'empty.png', 'image/png', []],
  ])('refuses %s', (_label, fileName, declaredType, magic) => {
    const decision = check([
      { fileName, declaredType, bytes: file(magic, magic.length === 0 ? 0 : 2048) },
    ])
    expect(decision.allowed).toBe(false)
    expect(decision.reasons[0]).toMatchObject({
      code: 'attachmentNotImage',
      severity: 'block',
      rule: 4,
      values: { fileName, attachmentIndex: 0 },
    })
  })

  it.each([
    [MB - 1, true],
    [MB, true],
    [MB + 1, false],
  ])('with %i bytes decoded, allows: %s', (size, allowed) => {
    const decision = check([{ fileName: 'big.jpg', bytes: file(JPEG, size) }])
    expect(decision.allowed).toBe(allowed)
    if (!allowed)
      expect(decision.reasons[0]?.values).toMatchObject({ limit: MB, fileName: 'big.jpg' })
  })

  it('measures base64 by its decoded size: 1 MB exactly passes, one byte more does not', () => {
    const exact = Buffer.from(file(PNG, MB)).toString('base64')
    const over = Buffer.from(file(PNG, MB + 1)).toString('base64')
    expect(check([{ fileName: 'a.png', base64: exact }]).allowed).toBe(true)
    expect(codes(check([{ fileName: 'a.png', base64: over }]))).toEqual(['attachmentTooLarge'])
  })

  it('works from the declared size and the first bytes alone', () => {
    expect(check([{ fileName: 'a.png', size: MB, head: new Uint8Array(PNG) }]).allowed).toBe(true)
    expect(codes(check([{ fileName: 'a.png', size: MB + 1, head: new Uint8Array(PDF) }]))).toEqual([
      'attachmentNotImage',
      'attachmentTooLarge',
    ])
  })

  it('refuses base64 with characters outside the alphabet', () => {
    const decision = check([{ fileName: 'a.png', base64: 'iVBORw0KGgo$' }])
    expect(codes(decision)).toEqual(['attachmentUnreadable'])
    expect(decision.attachments[0]).toMatchObject({ detectedType: null, size: null })
  })

  it.each(['', ' ', '\n\t'])('refuses attachments with blank text %j', (text) => {
    expect(codes(check([{ fileName: 'a.png', bytes: file(PNG, 10) }], text))).toEqual([
      'attachmentWithoutText',
    ])
  })

  it('refuses any attachment in a request_to_book conversation', () => {
    const decision = evaluateAttachments(
      { conversationType: 'request_to_book' },
      { text: 'Photo of the room', attachments: [{ fileName: 'a.png', bytes: file(PNG, 10) }] },
      config,
    )
    expect(codes(decision)).toEqual(['attachmentsInRequestToBook'])
  })

  it('reports each bad attachment by its index', () => {
    const decision = check([
      { fileName: 'ok.png', bytes: file(PNG, 10) },
      { fileName: 'bad.pdf', bytes: file(PDF, 10) },
    ])
    expect(decision.reasons.map((item) => item.values.attachmentIndex)).toEqual([1])
  })

  it('allows a message without attachments', () => {
    expect(check([])).toEqual({ allowed: true, reasons: [], attachments: [] })
  })
})

describe('magic numbers and base64', () => {
  it.each([
    [JPEG, 'image/jpeg'],
    [PNG, 'image/png'],
    [PDF, null],
    [[0x89, 0x50, 0x4e, 0x47], null],
  ])('sniffs %j as %s', (bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type)
  })

  it.each(['abc=d', 'a', 'ab=', 'ab==c', 'ab cd', 'ab-_'])('refuses %j as base64', (text) => {
    expect(base64DecodedLength(text)).toBeNull()
    expect(decodeBase64(text)).toBeNull()
  })

  it('decodes like Node for any bytes, with or without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const padded = Buffer.from(bytes).toString('base64')
        const unpadded = padded.replace(/=+$/, '')
        expect(Array.from(decodeBase64(padded) ?? [])).toEqual(Array.from(bytes))
        expect(Array.from(decodeBase64(unpadded) ?? [])).toEqual(Array.from(bytes))
        expect(base64DecodedLength(padded)).toBe(bytes.length)
      }),
    )
  })

  it('decodes only the first bytes when asked', () => {
    const text = Buffer.from(file(PNG, 1000)).toString('base64')
    expect(Array.from(decodeBase64(text, 8) ?? [])).toEqual(PNG)
  })
})
