// ESLint flat config. Besides style, it enforces the layers of ARCHITECTURE.md:
// arrows only point down, and only one folder may touch each sensitive API.
// tests/unit/lint/layers.test.ts lints deliberately wrong fixtures to prove each rule fires.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'))
const nodeImportPatterns = [
  { group: ['node:*'], message: 'Layer rule: Node built-ins are for electron/ and sandbox/ only.' },
  {
    group: nodeBuiltins.flatMap((name) => [name, `${name}/*`]),
    message: 'Layer rule: Node built-ins are for electron/ and sandbox/ only.',
  },
]
const electronImport = {
  group: ['electron', 'electron/*', '@electron/*'],
  message: 'Layer rule: only electron/ may import electron.',
}
const dexieImport = {
  group: ['dexie', 'dexie/*'],
  message: 'Layer rule: only renderer/src/db/ imports dexie.',
}
const uiImports = {
  group: ['vue', 'vue/*', '@vue/*', 'pinia', 'vue-router', 'i18next-vue'],
  message: 'Layer rule: shared/ is pure TypeScript, no UI framework.',
}
const upwardImports = {
  group: ['**/electron/**', '**/renderer/**', '**/sandbox/**', '@/*'],
  message: 'Layer rule: shared/ imports nothing of the other layers.',
}
const bridgeGlobal = 'Layer rule: only renderer/src/bridge/ touches window.innbox.'
const innboxAccess = [
  { selector: "MemberExpression[property.name='innbox']", message: bridgeGlobal },
  { selector: "MemberExpression[property.value='innbox']", message: bridgeGlobal },
]
const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'HTMLElement',
  'Element',
  'Node',
  'Event',
  'EventTarget',
  'CustomEvent',
  'MutationObserver',
  'requestAnimationFrame',
  'getComputedStyle',
  'innbox',
].map((name) => ({ name, message: 'Layer rule: shared/ uses no DOM.' }))

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'resources/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'vue/multi-word-component-names': 'off',
      'vue/no-v-html': 'error',
      'vue/no-v-text-v-html-on-component': 'error',
    },
  },
  {
    files: [
      'electron/**',
      'sandbox/**',
      'scripts/**',
      'tests/**',
      '*.config.*',
      'eslint.config.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**', 'tests/unit/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...nodeImportPatterns, electronImport, dexieImport, uiImports, upwardImports],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeImportPatterns, electronImport, dexieImport] },
      ],
      'no-restricted-globals': ['error', { name: 'innbox', message: bridgeGlobal }],
      'no-restricted-syntax': ['error', ...innboxAccess],
    },
  },
  {
    // The db layer is the one place that may import dexie.
    files: ['renderer/src/db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeImportPatterns, electronImport] }],
    },
  },
  {
    // The bridge layer is the one place that may touch window.innbox.
    files: ['renderer/src/bridge/**'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Components and features never call the bridge: stores and composables do (STYLE.md).
    files: ['renderer/src/features/**', 'renderer/src/components/**', 'renderer/src/App.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImportPatterns,
            electronImport,
            dexieImport,
            {
              group: ['@/bridge', '@/bridge/*', '**/bridge/*'],
              message: 'Layer rule: components reach the bridge through stores or composables.',
            },
          ],
        },
      ],
    },
  },
  prettier,
)
