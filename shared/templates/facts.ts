import { z } from 'zod'
import { idSchema } from '../platform'
import { languageCodeSchema, normalizeLanguage } from './language'

// The property profile templates draw on (issue 8, "Property facts"). Text whose wording
// matters to a guest is per language, with a default for languages nobody wrote.

/** A property-local wall-clock time `HH:MM` (24 h). */
export const wallTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')

/** `{ default: 'Rua Augusta 1', byLanguage: { th: '…' } }` */
export const localizedTextSchema = z.strictObject({
  default: z.string(),
  byLanguage: z.record(languageCodeSchema, z.string()),
})
export type LocalizedText = z.infer<typeof localizedTextSchema>

export const wifiSchema = z.strictObject({ network: z.string(), password: z.string() })

export const propertyFactsSchema = z.strictObject({
  propertyId: idSchema,
  address: localizedTextSchema.nullable(),
  /** Check-in from, property-local; shown as `stay.checkInTime`, and when "before check-in" ends. */
  checkInFrom: wallTimeSchema.nullable(),
  /** Check-out until, property-local; shown as `stay.checkOutTime`. */
  checkOutUntil: wallTimeSchema.nullable(),
  directions: localizedTextSchema.nullable(),
  parking: localizedTextSchema.nullable(),
  wifi: wifiSchema.nullable(),
  houseRules: localizedTextSchema.nullable(),
  contactHours: localizedTextSchema.nullable(),
})
export type PropertyFacts = z.infer<typeof propertyFactsSchema>

/** A profile with nothing filled in yet: every template value from it reads as missing. */
export function emptyPropertyFacts(propertyId: string): PropertyFacts {
  return {
    propertyId,
    address: null,
    checkInFrom: null,
    checkOutUntil: null,
    directions: null,
    parking: null,
    wifi: null,
    houseRules: null,
    contactHours: null,
  }
}

/** Blank text is no text: a guest must never receive an empty gap (issue 8). */
export function nonBlank(value: string | null | undefined): string | null {
  return value && value.trim() ? value.trim() : null
}

/** The text in `language` (its primary subtag), else the default; null when blank. */
export function localizedValue(text: LocalizedText | null, language: string): string | null {
  if (!text) return null
  const primary = normalizeLanguage(language)
  const translated = primary ? text.byLanguage[primary] : undefined
  return nonBlank(translated) ?? nonBlank(text.default)
}
