import { pathToFileURL } from 'node:url'
import type { Plugin } from 'vite'

// ELD's n-gram models (`eld/src/ngrams/*.js`, the language detector's data) are object
// literals of megabytes: V8 takes ~350 ms to parse and compile the small one, on the detector
// worker's thread while the first conversations after a start are drawn (issue 11, two cores).
// The same data as one JSON string given to JSON.parse loads in about a quarter of that. The
// module is rewritten at build time from the installed package, which stays as published.

const MODEL = /[\\/]eld[\\/]src[\\/]ngrams[\\/][a-z]+\.js$/

/** The module's source with its `ngramsData` as JSON, or null when `id` is not an ELD model. */
export async function eldModelAsJsonSource(id: string): Promise<string | null> {
  const file = id.split('?')[0]!
  if (!MODEL.test(file)) return null
  const { ngramsData } = (await import(pathToFileURL(file).href)) as { ngramsData: unknown }
  const json = JSON.stringify(ngramsData)
  return `export const ngramsData = JSON.parse(${JSON.stringify(json)})\n`
}

export function eldModelAsJson(): Plugin {
  return {
    name: 'innbox-eld-model-as-json',
    async transform(_code, id) {
      const code = await eldModelAsJsonSource(id)
      return code === null ? null : { code, map: null }
    },
  }
}
