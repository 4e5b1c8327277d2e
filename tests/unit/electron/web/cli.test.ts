import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseWebHostArgs } from '../../../../electron/web/cli'

describe('web host flags', () => {
  it('default to a free port and the desktop app user-data folder', () => {
    const args = parseWebHostArgs([])
    expect(args.port).toBe(0)
    expect(args.sandboxControl).toBe(false)
    expect(path.basename(args.dataDir)).toBe('Innbox')
  })

  it('take a port, a data folder and the sandbox control switch', () => {
    expect(parseWebHostArgs(['--port', '8123', '--data', 'x/y', '--sandbox-control'])).toEqual({
      port: 8123,
      dataDir: path.resolve('x/y'),
      sandboxControl: true,
    })
  })

  it.each([['--port', '70000'], ['--port', 'abc'], ['--port', '-1'], ['--open']])(
    'refuse %s %s with a readable message',
    (...argv) => {
      expect(() => parseWebHostArgs(argv)).toThrow(/port|Unknown option/)
    },
  )
})
