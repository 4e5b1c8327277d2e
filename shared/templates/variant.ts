import { normalizeLanguage } from './language'
import type { Template, TemplateVariant } from './model'

// Which language version the composer inserts (issue 8, "Using a template"): the guest's
// language from the reservation, else the one detected from the guest's messages, else the
// default, with `fellBack` so the composer can show a visible note.

export interface PickedVariant {
  variant: TemplateVariant
  /** True when the guest's language (either source) has no variant, or is not known at all. */
  fellBack: boolean
  /** The language that was wanted (primary subtag), or null when neither source had one. */
  wanted: string | null
}

/** Null only for a template without variants (which cannot be active). */
export function pickVariant(
  template: Pick<Template, 'variants' | 'defaultLanguage'>,
  guestLanguage: string | null,
  detectedLanguage: string | null,
): PickedVariant | null {
  const wantedLanguages = [normalizeLanguage(guestLanguage), normalizeLanguage(detectedLanguage)]
  const wanted = wantedLanguages.find((language) => language !== null) ?? null
  for (const language of wantedLanguages) {
    const variant = language && template.variants.find((v) => v.language === language)
    if (variant) return { variant, fellBack: false, wanted }
  }
  const fallback =
    template.variants.find((v) => v.language === template.defaultLanguage) ?? template.variants[0]
  return fallback ? { variant: fallback, fellBack: true, wanted } : null
}
