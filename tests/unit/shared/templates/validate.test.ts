import { describe, expect, it } from 'vitest'
import { canActivate, validateTemplate } from '@shared/templates'
import { template } from './builders'

const summary = (issues: ReturnType<typeof validateTemplate>) =>
  issues.map((i) => [i.code, i.variantIndex, i.start, i.end])

describe('validateTemplate', () => {
  it('finds nothing wrong in a good template, which may be activated', () => {
    expect(validateTemplate(template())).toEqual([])
    expect(canActivate(template())).toBe(true)
  })

  it.each([
    ['a blank name', { name: '  ' }, [['emptyName', null, null, null]]],
    ['no variants', { variants: [] }, [['noVariants', null, null, null]]],
    [
      'no variant in the default language',
      { defaultLanguage: 'fr' },
      [['missingDefaultVariant', null, null, null]],
    ],
    [
      'two variants in one language',
      {
        variants: [
          { language: 'en', body: 'Hi' },
          { language: 'en', body: 'Hello' },
        ],
      },
      [['duplicateLanguage', 1, null, null]],
    ],
    [
      'an empty body',
      { variants: [{ language: 'en', body: ' \n ' }] },
      [['emptyBody', 0, null, null]],
    ],
  ])('reports %s', (_label, overrides, expected) => {
    const issues = validateTemplate(template(overrides))
    expect(summary(issues)).toEqual(expected)
    expect(canActivate(template(overrides))).toBe(false)
  })

  it('reports body errors of every variant with the variant and offsets', () => {
    const issues = validateTemplate(
      template({
        variants: [
          { language: 'en', body: 'Hi {{guest.nme}}' },
          { language: 'pt', body: 'Olá }}' },
          { language: 'ar', body: 'مرحبًا {{}}' },
        ],
      }),
    )
    expect(summary(issues)).toEqual([
      ['unknownPlaceholder', 0, 3, 16],
      ['strayClosingBraces', 1, 4, 6],
      ['emptyPlaceholder', 2, 7, 11],
    ])
    expect(issues[0]?.key).toBe('templates:errors.unknownPlaceholderWithSuggestion')
  })

  it('refuses a body the platform could never send (rule 11), counting code points', () => {
    const emoji = '🛎'.repeat(5000) // 10,000 UTF-16 units, 5,000 code points
    expect(validateTemplate(template({ variants: [{ language: 'en', body: emoji }] }))).toEqual([])
    const issues = validateTemplate(template({ variants: [{ language: 'en', body: `${emoji}!` }] }))
    expect(issues).toMatchObject([
      { code: 'bodyTooLong', values: { language: 'en', count: 5000 }, variantIndex: 0 },
    ])
    expect(
      canActivate(template({ variants: [{ language: 'en', body: 'x'.repeat(11) }] }), 10),
    ).toBe(false)
  })
})
