import { describe, expect, it } from 'vitest'
import {
  matchUiLanguage,
  pickUiLanguage,
  textDirection,
  uiLanguages,
} from '../../../../shared/i18n/languages'

describe('UI languages', () => {
  it('are the ten languages of the product', () => {
    expect([...uiLanguages].sort()).toEqual([
      'ar',
      'de',
      'en',
      'es',
      'fr',
      'nl',
      'pl',
      'pt',
      'ru',
      'th',
    ])
  })

  it.each([
    ['pt-BR', 'pt'],
    ['de_DE.UTF-8', 'de'],
    ['AR-eg', 'ar'],
    ['th', 'th'],
    ['zh-Hans', null],
    ['', null],
    [null, null],
  ])('match the locale %s to %s', (locale, language) => {
    expect(matchUiLanguage(locale)).toBe(language)
  })

  it('pick the first preferred locale Innbox speaks, else English', () => {
    expect(pickUiLanguage(['ja-JP', 'pl-PL', 'fr'])).toBe('pl')
    expect(pickUiLanguage(['ja-JP', undefined])).toBe('en')
  })

  it('write Arabic right to left and the others left to right', () => {
    expect(uiLanguages.filter((l) => textDirection(l) === 'rtl')).toEqual(['ar'])
  })
})
