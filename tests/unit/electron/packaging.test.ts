// The packaging configuration cannot be exercised here (no Electron binary, no NSIS, no
// macOS), so this test checks what can be checked offline: electron-builder finds
// electron-builder.json and accepts it through its own loader and schema validator, the
// security settings are the ones we decided on, and every icon and entitlements file
// the config points to exists in the shape the OS expects.
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Configuration } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger, setPrinter } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const fromRoot = (...parts: string[]): string => join(root, ...parts)
const onDisk = JSON.parse(readFileSync(fromRoot('electron-builder.json'), 'utf8')) as Configuration

const validate = (config: Configuration): Promise<void> =>
  validateConfiguration(config, new DebugLogger(false))

type TargetList = { target: string; arch?: string[] }[]

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  )
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('electron-builder.json', () => {
  let loaded: Configuration

  beforeAll(async () => {
    setPrinter(() => undefined) // electron-builder logs "loaded configuration"
    loaded = await getConfig(root, null, null)
    setPrinter(null)
  })

  it('is the configuration electron-builder loads from the project', () => {
    // The loader normalises `files` into file sets; everything else arrives as written.
    const {
      $schema: _schema,
      files: _files,
      ...expected
    } = onDisk as Configuration & {
      $schema?: string
    }
    expect(loaded).toMatchObject(expected)
    expect(loaded.files).toEqual([{ filter: onDisk.files }])
    expect(loaded.appId).toBe('app.innbox.desk')
  })

  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(loaded)).resolves.toBeUndefined()
  })

  it('would reject a misspelled option, so the validation above means something', async () => {
    const fuses = { ...loaded.electronFuses, runAsnode: false }
    await expect(validate({ ...loaded, electronFuses: fuses } as Configuration)).rejects.toThrow(
      /electronFuses/,
    )
    await expect(
      validate({ ...loaded, nsis: { oneclick: false } } as Configuration),
    ).rejects.toThrow(/nsis/)
  })

  it('names the product and keeps build output out of the sources', () => {
    expect(loaded.productName).toBe('Innbox')
    expect(loaded.copyright).toMatch(/Innbox/)
    expect(loaded.directories).toEqual({ buildResources: 'resources', output: 'dist' })
    expect(loaded.publish).toBeNull()
  })

  it('packs only the built app into an asar, without sources, tests or source maps', () => {
    expect(loaded.asar).toBe(true)
    const files = onDisk.files as string[]
    expect(files).toContain('package.json')
    expect(files).toContain('out/**/*')
    expect(files).toContain('!out/**/*.map')
    for (const pattern of files) {
      expect(pattern === 'package.json' || /^!?out\//.test(pattern), pattern).toBe(true)
    }
  })

  it('flips the Electron security fuses', () => {
    expect(loaded.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('builds an assisted, per-user NSIS installer for x64 and arm64 Windows', () => {
    expect(loaded.win?.target as TargetList).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(loaded.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    })
  })

  it('builds hardened-runtime DMGs for Intel and Apple silicon Macs', () => {
    const mac = loaded.mac
    expect(mac?.target as TargetList).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(mac?.category).toBe('public.app-category.business')
    expect(mac?.hardenedRuntime).toBe(true)
    expect(mac?.entitlements).toBe('resources/entitlements.mac.plist')
    expect(mac?.entitlementsInherit).toBe('resources/entitlements.mac.plist')
  })

  it('grants the Mac app only the JIT entitlement V8 needs', () => {
    const plist = readFileSync(fromRoot('resources/entitlements.mac.plist'), 'utf8')
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [
      m[1],
      m[2],
    ])
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']])
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<!DOCTYPE plist/)
  })
})

describe('icon files', () => {
  it('exist wherever the config points', () => {
    const paths = [onDisk.win?.icon, onDisk.mac?.icon, onDisk.linux?.icon, onDisk.mac?.entitlements]
    expect(paths.every((path) => typeof path === 'string')).toBe(true)
    for (const path of paths)
      expect(existsSync(fromRoot(path as string)), path as string).toBe(true)
  })

  it('include the Linux icon set with correctly sized PNGs', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(fromRoot('resources/icons', `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      })
    }
    expect(pngSize(fromRoot('resources/icon.png'))).toEqual({ width: 1024, height: 1024 })
  })

  it('include a Windows .ico with every size from 16 to 256 px', () => {
    const ico = readFileSync(fromRoot('resources/icon.ico'))
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon
    const count = ico.readUInt16LE(4)
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256)
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 72, 96, 128, 256])
    for (let i = 0; i < count; i++) {
      const length = ico.readUInt32LE(6 + i * 16 + 8)
      const offset = ico.readUInt32LE(6 + i * 16 + 12)
      expect(offset + length).toBeLessThanOrEqual(ico.length)
    }
  })

  it('include a macOS .icns with the 16 px to 1024 px representations', () => {
    const icns = readFileSync(fromRoot('resources/icon.icns'))
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.toString('latin1', at, at + 4))
    }
    for (const type of [
      'is32',
      's8mk',
      'ic11',
      'il32',
      'l8mk',
      'ic12',
      'ic07',
      'ic13',
      'ic08',
      'ic14',
      'ic09',
      'ic10',
    ]) {
      expect(types).toContain(type)
    }
  })

  it('come from a vector source drawn on the 1024 px macOS grid', () => {
    const svg = readFileSync(fromRoot('resources/icon.svg'), 'utf8')
    expect(svg).toContain('viewBox="0 0 1024 1024"')
    expect(svg).toMatch(/<rect id="body" x="100" y="100" width="824" height="824"/)
  })
})
