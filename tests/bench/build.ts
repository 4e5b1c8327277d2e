import path from 'node:path'
import { build } from 'esbuild'

// Bundles tests/bench/browser/entry.ts (the app's own db/ and search/ modules plus the dataset
// generator) into one script for the bench page, in memory: nothing of the bench is ever written
// into out/, so nothing of it can end up in the app's bundle. `@/` and `@shared/` resolve through
// tsconfig.web.json's paths, as in the app.

const root = path.resolve(__dirname, '../..')

export async function buildBenchBundle(): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'tests/bench/browser/entry.ts')],
    tsconfig: path.join(root, 'tsconfig.web.json'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: process.env.BENCH_MINIFY !== '0',
    write: false,
    logLevel: 'warning',
    // The bench runs the read model on its own thread (`inWorker: false`): the worker's URL,
    // which needs import.meta, is never used.
    logOverride: { 'empty-import-meta': 'silent' },
  })
  return result.outputFiles[0]!.text
}
