import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { uiLanguages } from '../../../../shared/i18n/languages'
import { namespaces } from '../../../../shared/locales/namespaces'

const root = path.resolve(__dirname, '../../../../shared/locales')
const pluralSuffix = /_(zero|one|two|few|many|other)$/

type Flat = Record<string, unknown>
function flatten(value: unknown, prefix = '', out: Flat = {}): Flat {
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (child && typeof child === 'object') flatten(child, name, out)
    else out[name] = child
  }
  return out
}
const load = (language: string, file: string): Flat =>
  flatten(JSON.parse(readFileSync(path.join(root, language, file), 'utf8')))
const placeholders = (text: unknown): string =>
  [...String(text).matchAll(/{{\s*(\w+)\s*}}/g)]
    .map((m) => m[1])
    .sort()
    .join(',')

const englishFiles = readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json'))

/** The keys a language must have: English's, with each plural expanded to that language's forms. */
function expectedKeys(english: Flat, language: string): Set<string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
  const keys = new Set<string>()
  for (const key of Object.keys(english)) {
    if (pluralSuffix.test(key)) {
      for (const category of categories) keys.add(key.replace(pluralSuffix, `_${category}`))
    } else keys.add(key)
  }
  return keys
}

describe('locales', () => {
  it('have one folder per UI language and nothing else', () => {
    const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())
    expect(folders.map((e) => e.name).sort()).toEqual([...uiLanguages].sort())
  })

  it('declare every English file as a namespace', () => {
    expect(englishFiles.map((f) => f.replace('.json', '')).sort()).toEqual(
      expect.arrayContaining([...namespaces].sort()),
    )
  })

  describe.each(uiLanguages.filter((l) => l !== 'en'))('%s', (language) => {
    it.each(englishFiles)('%s has exactly the English keys with its plural forms', (file) => {
      const english = load('en', file)
      const translated = load(language, file)
      expect(Object.keys(translated).sort()).toEqual([...expectedKeys(english, language)].sort())
    })

    it.each(englishFiles)('%s has no empty or untranslated values', (file) => {
      const english = load('en', file)
      for (const [key, value] of Object.entries(load(language, file))) {
        expect(typeof value === 'string' && value.trim().length > 0, `${key} is empty`).toBe(true)
        if (key !== 'appName' && english[key] !== undefined && /[a-z]{3}/i.test(String(value))) {
          expect(value, `${file}:${key} is still English`).not.toBe(english[key])
        }
      }
    })

    it.each(englishFiles)('%s keeps the English placeholders', (file) => {
      const english = load('en', file)
      for (const [key, value] of Object.entries(load(language, file))) {
        const source = english[key] ?? english[key.replace(pluralSuffix, '_other')]
        // Singular, dual and zero forms may spell the number out instead of {{count}}.
        const required = placeholders(source)
          .split(',')
          .filter((p) => p && p !== 'count')
        for (const name of required) expect(placeholders(value), `${file}:${key}`).toContain(name)
      }
    })
  })

  it.each(['ru', 'pl', 'ar'])('%s carries every plural form its grammar needs', (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
    expect(categories.length).toBeGreaterThan(2)
    const plurals = englishFiles.flatMap((file) =>
      Object.keys(load('en', file))
        .filter((k) => k.endsWith('_other'))
        .map((k) => [file, k.replace(pluralSuffix, '')] as const),
    )
    expect(plurals.length).toBeGreaterThan(0)
    for (const [file, base] of plurals) {
      const translated = load(language, file)
      for (const category of categories) expect(translated).toHaveProperty([`${base}_${category}`])
    }
  })
})
