import { describe, expect, it } from 'vitest'
import { REASON_CODES, reasonKey } from '@shared/policy'
import ar from '../../../../shared/locales/ar/policy.json'
import de from '../../../../shared/locales/de/policy.json'
import en from '../../../../shared/locales/en/policy.json'
import es from '../../../../shared/locales/es/policy.json'
import fr from '../../../../shared/locales/fr/policy.json'
import nl from '../../../../shared/locales/nl/policy.json'
import pl from '../../../../shared/locales/pl/policy.json'
import pt from '../../../../shared/locales/pt/policy.json'
import ru from '../../../../shared/locales/ru/policy.json'
import th from '../../../../shared/locales/th/policy.json'

const locales = { ar, de, en, es, fr, nl, pl, pt, ru, th }
const PLURAL = /_(zero|one|two|few|many|other)$/

/** The reason codes a locale's `reasons` object covers, plural forms folded into their base. */
const covered = (reasons: Record<string, string>) =>
  [...new Set(Object.keys(reasons).map((key) => key.replace(PLURAL, '')))].sort()

describe('reason strings', () => {
  it.each(Object.entries(locales))(
    '%s has a string for every reason code and no other',
    (_lng, file) => {
      expect(covered(file.reasons)).toEqual([...REASON_CODES].sort())
    },
  )

  it.each(Object.entries(locales))('%s has the plural forms its language needs', (lng, file) => {
    const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories
    const reasons: Record<string, string> = file.reasons
    for (const key of Object.keys(en.reasons).filter((name) => name.endsWith('_other'))) {
      const base = key.replace(PLURAL, '')
      for (const category of categories)
        expect(reasons, `${lng} ${base}`).toHaveProperty([`${base}_${category}`])
    }
  })

  it('keys point into the policy namespace', () => {
    expect(reasonKey('sendWindowClosed')).toBe('policy:reasons.sendWindowClosed')
  })
})
