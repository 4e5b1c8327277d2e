import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import {
  IMPORT_ERROR_CODES,
  parseTemplateBody,
  PLACEHOLDERS,
  RULE_MODES,
  RULE_TRIGGER_KINDS,
  TEMPLATE_ERROR_CODES,
  TEMPLATE_TOPICS,
  validateTemplate,
} from '@shared/templates'
import ar from '../../../../shared/locales/ar/templates.json'
import de from '../../../../shared/locales/de/templates.json'
import en from '../../../../shared/locales/en/templates.json'
import es from '../../../../shared/locales/es/templates.json'
import fr from '../../../../shared/locales/fr/templates.json'
import nl from '../../../../shared/locales/nl/templates.json'
import pl from '../../../../shared/locales/pl/templates.json'
import pt from '../../../../shared/locales/pt/templates.json'
import ru from '../../../../shared/locales/ru/templates.json'
import th from '../../../../shared/locales/th/templates.json'
import { template } from './builders'

const locales = { ar, de, en, es, fr, nl, pl, pt, ru, th }

/** Every key the templates module hands the UI, without the namespace. */
const usedKeys = [
  ...PLACEHOLDERS.map((p) => p.descriptionKey),
  ...TEMPLATE_ERROR_CODES.map((code) => `templates:errors.${code}`),
  'templates:errors.unknownPlaceholderWithSuggestion',
  ...IMPORT_ERROR_CODES.map((code) => `templates:import.${code}`),
  ...TEMPLATE_TOPICS.map((topic) => `templates:topics.${topic}`),
  ...RULE_TRIGGER_KINDS.map((kind) => `templates:triggers.${kind}.name`),
  ...RULE_MODES.map((mode) => `templates:modes.${mode}`),
  ...['pending', 'due', 'expired'].map((status) => `templates:status.${status}`),
]

const instance = i18next.createInstance()
await instance.init({
  resources: Object.fromEntries(
    Object.entries(locales).map(([lng, templates]) => [lng, { templates }]),
  ),
  ns: ['templates'],
  fallbackLng: false,
  interpolation: { escapeValue: false },
})

describe('templates strings', () => {
  it.each(Object.keys(locales))('%s has a string for every key the module uses', (lng) => {
    const t = instance.getFixedT(lng)
    for (const key of usedKeys) {
      expect(instance.exists(key, { lng, count: 5 }), `${lng} ${key}`).toBe(true)
      expect(t(key, { count: 5 }), `${lng} ${key}`).not.toBe(key)
    }
  })

  it.each(Object.keys(locales))(
    '%s shows placeholders literally in error messages, with nothing left uninterpolated',
    (lng) => {
      const t = instance.getFixedT(lng, 'templates')
      const body = '{{guest.nme}} {{}} {{x }} } {{breakfast}}'
      const issues = validateTemplate(template({ variants: [{ language: 'en', body }] }))
      expect(issues.length).toBeGreaterThan(3)
      for (const issue of issues) {
        const text = t(issue.key.replace('templates:', ''), issue.values)
        expect(text).not.toMatch(
          /\{\{\s*(name|placeholder|suggestion|example|closing|brace)\s*\}\}/,
        )
        for (const value of Object.values(issue.values)) expect(text).toContain(String(value))
      }
      const unknown = parseTemplateBody('{{guest.nme}}').errors[0]!
      expect(t(unknown.key.replace('templates:', ''), unknown.values)).toContain('{{guest.name}}')
    },
  )

  it.each([
    ['en', 5000, '5000 characters'],
    ['ru', 5000, '5000 символов'],
    ['pl', 2, '2 znaki'],
    ['ar', 2, 'حرفين'],
    ['fr', 1, '1 caractère,'],
  ])('%s picks the right plural for %s characters', (lng, count, expected) => {
    const t = instance.getFixedT(lng, 'templates')
    expect(t('errors.bodyTooLong', { count, language: 'X' })).toContain(expected)
  })
})
