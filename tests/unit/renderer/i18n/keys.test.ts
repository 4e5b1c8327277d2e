import { beforeAll, describe, expect, it } from 'vitest'
import { changeLanguage, i18next, initI18n } from '@/i18n'

beforeAll(async () => {
  await initI18n('en')
})

describe('translation keys', () => {
  it('are checked against the English files at compile time', () => {
    expect(i18next.t('inbox:sidebar.allProperties')).toBe('All properties')
    // @ts-expect-error: a key English does not have must not compile (vue-tsc checks this file).
    expect(i18next.t('inbox:sidebar.noSuchKey')).toBe('sidebar.noSuchKey')
  })

  it('resolve the plural forms a language needs', async () => {
    await changeLanguage('ru')
    expect(i18next.t('inbox:sidebar.propertyCount', { count: 1 })).toMatch(/^1 /)
    const five = i18next.t('inbox:sidebar.propertyCount', { count: 5 })
    const two = i18next.t('inbox:sidebar.propertyCount', { count: 2 })
    expect(five).not.toBe(two)
  })

  it('turn the document right to left for Arabic and back', async () => {
    await changeLanguage('ar')
    expect(document.documentElement.dir).toBe('rtl')
    expect(document.documentElement.lang).toBe('ar')
    expect(i18next.t('settings:title')).toBe('الإعدادات')
    await changeLanguage('de')
    expect(document.documentElement.dir).toBe('ltr')
  })
})
