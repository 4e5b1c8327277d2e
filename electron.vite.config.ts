import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { eldModelAsJson } from './scripts/vite-eld-json'
import { contentSecurityPolicyMeta } from './shared/security/csp'

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url))
const alias = { '@shared': fromRoot('./shared'), '@': fromRoot('./renderer/src') }

/** Writes the one shared Content-Security-Policy into index.html at build time. */
function injectCsp(): Plugin {
  return {
    name: 'innbox-csp',
    transformIndexHtml: (html) => html.replace('%INNBOX_CSP%', contentSecurityPolicyMeta),
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: fromRoot('./electron/main/index.ts'),
          // The web host: the same services behind HTTP, run by plain Node (`npm run web`).
          web: fromRoot('./electron/web/main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload can require nothing but `electron`: bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    resolve: { alias },
    plugins: [vue(), injectCsp(), eldModelAsJson()],
    // Workers are bundled on their own: the language detector's worker loads the model.
    worker: { plugins: () => [eldModelAsJson()] },
    build: {
      rollupOptions: { input: { index: fromRoot('./renderer/index.html') } },
    },
  },
})
