import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          setupFiles: ['tests/support/vitest-setup.ts'],
          testTimeout: 20_000,
          expect: { poll: { timeout: 10_000 } },
          environment: 'node',
          include: [
            'tests/unit/shared/**/*.test.ts',
            'tests/unit/electron/**/*.test.ts',
            'tests/unit/sandbox/**/*.test.ts',
            'tests/unit/lint/**/*.test.ts',
            'tests/unit/scripts/**/*.test.ts',
            'tests/unit/bench/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'renderer',
          setupFiles: ['tests/support/vitest-setup.ts'],
          testTimeout: 20_000,
          expect: { poll: { timeout: 10_000 } },
          environment: 'happy-dom',
          include: ['tests/unit/renderer/**/*.test.ts'],
        },
      },
    ],
  },
})
