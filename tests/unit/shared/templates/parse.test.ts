import { describe, expect, it } from 'vitest'
import { parseTemplateBody, type BodyErrorCode } from '@shared/templates'

const errorsOf = (body: string) =>
  parseTemplateBody(body).errors.map((e) => [e.code, e.start, e.end] as const)

describe('parseTemplateBody', () => {
  it('splits text and placeholders with their offsets', () => {
    expect(parseTemplateBody('Hi {{guest.firstName}}!').tokens).toEqual([
      { kind: 'text', text: 'Hi ', start: 0, end: 3 },
      { kind: 'placeholder', key: 'guest.firstName', start: 3, end: 22 },
      { kind: 'text', text: '!', start: 22, end: 23 },
    ])
  })

  it.each([
    ['spaces', '{{ guest.name }}'],
    ['tabs', '{{\tguest.name\t}}'],
    ['bidi marks typed in right-to-left text', '{{\u200fguest.name\u200f}}'],
    ['isolates', '{{\u2068guest.name\u2069}}'],
  ])('tolerates %s inside the braces', (_label, body) => {
    const { tokens, errors } = parseTemplateBody(body)
    expect(errors).toEqual([])
    expect(tokens).toEqual([{ kind: 'placeholder', key: 'guest.name', start: 0, end: body.length }])
  })

  it.each<[string, string, [BodyErrorCode, number, number][]]>([
    ['an unknown placeholder', 'Hi {{guest.nme}}!', [['unknownPlaceholder', 3, 16]]],
    ['an empty placeholder', 'Hi {{}}!', [['emptyPlaceholder', 3, 7]]],
    ['a placeholder of spaces', 'Hi {{   }}!', [['emptyPlaceholder', 3, 10]]],
    ['a {{ never closed', 'Hi {{guest.name', [['unclosedPlaceholder', 3, 15]]],
    ['a {{ closed by one brace', 'Hi {{guest.name}!', [['unclosedPlaceholder', 3, 16]]],
    [
      'a {{ closed on the next line',
      'Hi {{guest.name\n}}',
      [
        ['unclosedPlaceholder', 3, 15],
        ['strayClosingBraces', 16, 18],
      ],
    ],
    ['a {{ followed by prose', 'Hi {{ guest, welcome', [['unclosedPlaceholder', 3, 11]]],
    ['a stray }}', 'Hi }} there', [['strayClosingBraces', 3, 5]]],
    [
      'a single {',
      'Hi {guest.name} there',
      [
        ['strayBrace', 3, 4],
        ['strayBrace', 14, 15],
      ],
    ],
    [
      'triple braces',
      '{{{guest.name}}}',
      [
        ['strayBrace', 0, 1],
        ['strayBrace', 15, 16],
      ],
    ],
    [
      'a nested opener',
      '{{ {{guest.name}} }}',
      [
        ['unclosedPlaceholder', 0, 3],
        ['strayClosingBraces', 18, 20],
      ],
    ],
    [
      'several errors in one body',
      '{{a}} and {{}} and }}',
      [
        ['unknownPlaceholder', 0, 5],
        ['emptyPlaceholder', 10, 14],
        ['strayClosingBraces', 19, 21],
      ],
    ],
  ])('reports %s at its offsets', (_label, body, expected) => {
    expect(errorsOf(body)).toEqual(expected)
  })

  it('keeps valid placeholders around an error', () => {
    const { tokens } = parseTemplateBody('{{guest.name}} }} {{stay.nights}}')
    expect(tokens.filter((t) => t.kind === 'placeholder').map((t) => t.start)).toEqual([0, 18])
    expect(tokens.filter((t) => t.kind === 'invalid')).toEqual([
      { kind: 'invalid', source: '}}', start: 15, end: 17 },
    ])
  })

  it('suggests the nearest placeholder for a typo', () => {
    const [error] = parseTemplateBody('{{guest.nmae}}').errors
    expect(error).toMatchObject({
      code: 'unknownPlaceholder',
      key: 'templates:errors.unknownPlaceholderWithSuggestion',
      suggestion: 'guest.name',
      values: { name: 'guest.nmae', placeholder: '{{guest.nmae}}', suggestion: '{{guest.name}}' },
    })
  })

  it('gives no suggestion when nothing is close', () => {
    const [error] = parseTemplateBody('{{breakfast.menu}}').errors
    expect(error).toMatchObject({ key: 'templates:errors.unknownPlaceholder', suggestion: null })
    expect(error?.values).not.toHaveProperty('suggestion')
  })

  it('reads keys case-sensitively but suggests the right case', () => {
    expect(parseTemplateBody('{{Guest.FirstName}}').errors[0]?.suggestion).toBe('guest.firstName')
  })

  it('reports non-Latin names as unknown, not unclosed', () => {
    expect(errorsOf('{{имя}} {{ชื่อ}} {{الاسم}}').map(([code]) => code)).toEqual([
      'unknownPlaceholder',
      'unknownPlaceholder',
      'unknownPlaceholder',
    ])
  })

  it('covers every character exactly once', () => {
    const body = 'a {{guest.name}} b }} c {x {{} d {{stay.nights'
    const { tokens } = parseTemplateBody(body)
    expect(tokens.map((t) => body.slice(t.start, t.end)).join('')).toBe(body)
    tokens.forEach((token, index) => {
      if (index > 0) expect(token.start).toBe(tokens[index - 1]?.end)
    })
  })
})
