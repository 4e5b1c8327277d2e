import { describe, expect, it } from 'vitest'
import {
  parseTemplateExport,
  serializeTemplateExport,
  validateTemplateExport,
  type ImportError,
} from '@shared/templates'
import { template } from './builders'
import { rule } from './scheduleBuilders'

const file = (overrides: Record<string, unknown> = {}) => ({
  format: 'innbox-templates',
  version: 1,
  templates: [template()],
  rules: [rule()],
  ...overrides,
})
const errorsOf = (input: unknown): [string, string][] => {
  const result = validateTemplateExport(input)
  return result.ok ? [] : result.errors.map((e: ImportError) => [e.path, e.code])
}
const withTemplate = (patch: Record<string, unknown>) =>
  file({ templates: [{ ...template(), ...patch }] })
const withRule = (patch: Record<string, unknown>) => file({ rules: [{ ...rule(), ...patch }] })

describe('template import and export', () => {
  it('reads back what it wrote', () => {
    const text = serializeTemplateExport([template()], [rule()])
    expect(parseTemplateExport(text)).toEqual({ ok: true, data: file() })
  })

  it('accepts a file without rules', () => {
    const { rules: _rules, ...withoutRules } = file()
    expect(validateTemplateExport(withoutRules).ok).toBe(true)
  })

  it.each<[string, string, [string, string][]]>([
    ['text that is not JSON', '{"format": ', [['$', 'notJson']]],
    ['a list', '[]', [['$', 'notAnExport']]],
    ['another format', '{"format":"other","version":1}', [['$.format', 'notAnExport']]],
    [
      'a newer version',
      '{"format":"innbox-templates","version":2}',
      [['$.version', 'unsupportedVersion']],
    ],
  ])('refuses %s', (_label, text, expected) => {
    const result = parseTemplateExport(text)
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code])).toEqual(expected)
  })

  it('names the version it cannot read', () => {
    const result = parseTemplateExport('{"format":"innbox-templates","version":2}')
    expect(result).toMatchObject({
      ok: false,
      errors: [{ key: 'templates:import.unsupportedVersion', values: { version: '2' } }],
    })
  })

  it.each<[string, unknown, [string, string][]]>([
    [
      'a missing field',
      withTemplate({ name: undefined }),
      [['$.templates[0].name', 'missingField']],
    ],
    [
      'an unknown field (a typo is not silently dropped)',
      withTemplate({ propertyIDs: ['x'] }),
      [['$.templates[0].propertyIDs', 'unknownField']],
    ],
    ['a number for text', withTemplate({ id: 7 }), [['$.templates[0].id', 'expectedText']]],
    [
      'text for true/false',
      withTemplate({ active: 'yes' }),
      [['$.templates[0].active', 'expectedTrueFalse']],
    ],
    [
      'an object for a list',
      withTemplate({ variants: {} }),
      [['$.templates[0].variants', 'expectedList']],
    ],
    ['an empty name', withTemplate({ name: ' ' }), [['$.templates[0].name', 'emptyText']]],
    [
      'an unknown topic',
      withTemplate({ topic: 'spa' }),
      [['$.templates[0].topic', 'invalidOption']],
    ],
    [
      'a language that is not a code',
      withTemplate({ defaultLanguage: 'English' }),
      [['$.templates[0].defaultLanguage', 'invalidLanguage']],
    ],
    [
      'a variant language in upper case',
      withTemplate({ variants: [{ language: 'EN', body: 'Hi' }] }),
      [['$.templates[0].variants[0].language', 'invalidLanguage']],
    ],
    [
      'an unknown trigger',
      withRule({ trigger: { kind: 'onBirthday' } }),
      [['$.rules[0].trigger.kind', 'invalidOption']],
    ],
    [
      'a time past midnight',
      withRule({ trigger: { kind: 'onCheckInDay', at: '24:00' } }),
      [['$.rules[0].trigger.at', 'invalidTime']],
    ],
    [
      'zero days before check-in',
      withRule({ trigger: { kind: 'beforeCheckIn', days: 0, at: '10:00' } }),
      [['$.rules[0].trigger.days', 'tooSmall']],
    ],
    [
      'a day past the send window',
      withRule({ trigger: { kind: 'afterCheckOut', days: 8, at: '10:00' } }),
      [['$.rules[0].trigger.days', 'tooLarge']],
    ],
    [
      'a fractional delay',
      withRule({ trigger: { kind: 'afterBooking', delayMinutes: 1.5 } }),
      [['$.rules[0].trigger.delayMinutes', 'expectedWholeNumber']],
    ],
    ['an unknown mode', withRule({ mode: 'shout' }), [['$.rules[0].mode', 'invalidOption']]],
    [
      'an unknown conversation type',
      withRule({ conditions: { ...rule().conditions, conversationTypes: ['email'] } }),
      [['$.rules[0].conditions.conversationTypes[0]', 'invalidOption']],
    ],
  ])('reports %s at its path', (_label, input, expected) => {
    expect(errorsOf(input)).toEqual(expected)
  })

  it('reports every problem of a file at once', () => {
    const input = file({
      templates: [{ ...template(), topic: 'spa', active: 1 }],
      rules: [{ ...rule(), enabled: 'no', extra: true }],
    })
    expect(errorsOf(input)).toEqual([
      ['$.templates[0].topic', 'invalidOption'],
      ['$.templates[0].active', 'expectedTrueFalse'],
      ['$.rules[0].enabled', 'expectedTrueFalse'],
      ['$.rules[0].extra', 'unknownField'],
    ])
  })

  it('lists the allowed options', () => {
    const result = validateTemplateExport(withRule({ mode: 'shout' }))
    expect(result).toMatchObject({ ok: false, errors: [{ values: { options: 'send, draft' } }] })
  })

  it('reports ids used twice, rules without their template, and impossible night ranges', () => {
    const input = file({
      templates: [template(), template()],
      rules: [
        rule(),
        rule({ templateId: 'nowhere' }),
        rule({ id: 'range', conditions: { ...rule().conditions, minNights: 5, maxNights: 2 } }),
      ],
    })
    expect(errorsOf(input)).toEqual([
      ['$.templates[1].id', 'duplicateId'],
      ['$.rules[1].id', 'duplicateId'],
      ['$.rules[1].templateId', 'unknownTemplate'],
      ['$.rules[2].conditions.minNights', 'nightsRange'],
    ])
  })

  it("refuses an active template with errors, each at its place with the template's own string", () => {
    const input = withTemplate({
      defaultLanguage: 'fr',
      variants: [
        { language: 'en', body: 'Hi {{guest.nme}}' },
        { language: 'en', body: 'Hello' },
      ],
    })
    const result = validateTemplateExport(input)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: '$.templates[0].variants',
        code: 'missingDefaultVariant',
        key: 'templates:errors.missingDefaultVariant',
        values: { language: 'fr' },
      },
      {
        path: '$.templates[0].variants[0].body',
        code: 'unknownPlaceholder',
        key: 'templates:errors.unknownPlaceholderWithSuggestion',
        values: { name: 'guest.nme', placeholder: '{{guest.nme}}', suggestion: '{{guest.name}}' },
        start: 3,
        end: 16,
      },
      {
        path: '$.templates[0].variants[1].language',
        code: 'duplicateLanguage',
        key: 'templates:errors.duplicateLanguage',
        values: { language: 'en' },
      },
    ])
  })

  it('accepts an inactive draft with placeholder errors, to be fixed in the editor', () => {
    const draft = withTemplate({ active: false, variants: [{ language: 'en', body: 'Hi {{x' }] })
    expect(validateTemplateExport(draft).ok).toBe(true)
  })

  it('quotes awkward keys in paths', () => {
    const input = withTemplate({ 'my field': 1 })
    expect(errorsOf(input)).toEqual([['$.templates[0]["my field"]', 'unknownField']])
  })

  it.each([
    null,
    42,
    'text',
    true,
    '',
    '{"format":"innbox-templates","version":1,"templates":null}',
  ])('never throws, whatever it is given (%s)', (input) => {
    expect(() => parseTemplateExport(String(input))).not.toThrow()
    expect(() => validateTemplateExport(input)).not.toThrow()
    expect(validateTemplateExport(input).ok).toBe(false)
  })
})
