import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { eldModelAsJsonSource } from '../../../scripts/vite-eld-json'

// The package exports only its entries: find its folder from the one it resolves to.
const eldRoot = path.resolve(
  path.dirname(new URL(import.meta.resolve('eld/small')).pathname),
  '..',
  '..',
)

describe('the language model rewritten as JSON at build time', () => {
  it('holds exactly the data the package ships', async () => {
    const file = path.join(eldRoot, 'src', 'ngrams', 'small.js')
    const source = await eldModelAsJsonSource(`${file}?worker_file`)
    expect(source).toMatch(/^export const ngramsData = JSON\.parse\("/)
    const dir = await mkdtemp(path.join(tmpdir(), 'eld-json-'))
    try {
      await writeFile(path.join(dir, 'model.mjs'), source!)
      const rewritten = (await import(pathToFileURL(path.join(dir, 'model.mjs')).href)) as {
        ngramsData: unknown
      }
      const shipped = (await import(pathToFileURL(file).href)) as { ngramsData: unknown }
      expect(rewritten.ngramsData).toEqual(shipped.ngramsData)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('leaves every other module alone', async () => {
    expect(await eldModelAsJsonSource(path.join(eldRoot, 'src', 'languageDetector.js'))).toBeNull()
    expect(await eldModelAsJsonSource('/work/renderer/src/language/detector.ts')).toBeNull()
  })
})
