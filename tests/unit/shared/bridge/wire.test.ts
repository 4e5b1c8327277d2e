import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64, fromWire, toWire } from '../../../../shared/bridge/wire'

describe('base64', () => {
  it('matches Node for any bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(text)).toEqual(bytes)
      }),
    )
  })

  it('round-trips a 1 MB photo', () => {
    const bytes = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) & 0xff)
    const text = encodeBase64(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64'))
    expect(decodeBase64(text)).toEqual(bytes)
  })

  it.each(['abc', 'ab=c', 'a===', '@@@@', 'ab\u00e9='])('refuses %j', (text) => {
    expect(decodeBase64(text)).toBeNull()
  })
})

describe('bytes in JSON', () => {
  it('round-trip inside arguments and results, Buffers included', () => {
    const value = [
      {
        fileName: 'map.png',
        bytes: new Uint8Array([137, 80, 78, 71]),
        nested: [Buffer.from('hi')],
      },
    ]
    const wire = JSON.parse(JSON.stringify(toWire(value)))
    expect(wire[0].bytes).toEqual({ $bytes: 'iVBORw==' })
    const back = fromWire(wire) as [{ bytes: Uint8Array; nested: Uint8Array[] }]
    expect(back[0].bytes).toEqual(new Uint8Array([137, 80, 78, 71]))
    expect(back[0].nested[0]).toEqual(new Uint8Array([104, 105]))
  })

  it('leave a marker that is not base64 for the schema to refuse', () => {
    expect(fromWire({ bytes: { $bytes: '***' } })).toEqual({ bytes: { $bytes: '***' } })
  })

  it('keep __proto__ a plain key', () => {
    const back = fromWire(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
