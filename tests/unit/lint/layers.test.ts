import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Each fixture is linted as if it lived at `asPath`, so the layer rules for that folder apply.
const fixtures = path.resolve(__dirname, '../../fixtures/lint')
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') })

async function lintAs(fixture: string, asPath: string): Promise<{ rule: string; text: string }[]> {
  const code = await readFile(path.join(fixtures, fixture), 'utf8')
  const [result] = await eslint.lintText(code, { filePath: asPath })
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId ?? 'parse', text: m.message }))
}

describe('layer rules', () => {
  it.each([
    ['shared-imports-node.ts', 'shared/policy/wrong.ts', 'no-restricted-imports'],
    ['shared-imports-bare-builtin.ts', 'shared/policy/wrong.ts', 'no-restricted-imports'],
    ['shared-imports-electron.ts', 'shared/bridge/wrong.ts', 'no-restricted-imports'],
    ['shared-imports-vue.ts', 'shared/templates/wrong.ts', 'no-restricted-imports'],
    ['shared-imports-pinia.ts', 'shared/metrics/wrong.ts', 'no-restricted-imports'],
    ['shared-imports-dexie.ts', 'shared/platform/wrong.ts', 'no-restricted-imports'],
    ['shared-uses-dom.ts', 'shared/policy/wrong.ts', 'no-restricted-globals'],
    ['renderer-imports-electron.ts', 'renderer/src/stores/wrong.ts', 'no-restricted-imports'],
    ['renderer-imports-node.ts', 'renderer/src/sync/wrong.ts', 'no-restricted-imports'],
    ['renderer-touches-innbox.ts', 'renderer/src/stores/wrong.ts', 'no-restricted-syntax'],
    ['renderer-imports-dexie.ts', 'renderer/src/stores/wrong.ts', 'no-restricted-imports'],
    [
      'component-imports-bridge.ts',
      'renderer/src/features/inbox/wrong.ts',
      'no-restricted-imports',
    ],
  ])('%s at %s fails with %s', async (fixture, asPath, rule) => {
    const messages = await lintAs(fixture, asPath)
    expect(messages).toContainEqual(
      expect.objectContaining({ rule, text: expect.stringContaining('Layer rule:') }),
    )
  })

  it.each([
    ['clean-shared.ts', 'shared/policy/fine.ts'],
    ['clean-renderer-bridge.ts', 'renderer/src/bridge/fine.ts'],
    ['clean-renderer-db.ts', 'renderer/src/db/fine.ts'],
    ['shared-imports-node.ts', 'electron/services/fine.ts'],
    ['renderer-imports-electron.ts', 'electron/preload/fine.ts'],
  ])('%s at %s passes', async (fixture, asPath) => {
    expect(await lintAs(fixture, asPath)).toEqual([])
  })
})
