import { z } from 'zod'

// Building blocks shared by every Messaging API schema (PLATFORM.md, "Objects").

/** Ids are opaque strings (UUIDs on the real platform); we only require them to be non-empty. */
export const idSchema = z.string().min(1)

/**
 * An instant on the wire: ISO 8601 with a UTC offset, e.g. `2020-08-17T16:54:19.270Z`.
 * Normalised to `Date#toISOString()` form (UTC, milliseconds) so that stored instants
 * compare as strings and `+00:00` and `Z` spellings do not create duplicates.
 */
export const isoInstantSchema = z.iso
  .datetime({ offset: true })
  .transform((text) => new Date(text).toISOString())

/** A calendar date without a time zone, `YYYY-MM-DD` (check-in and check-out dates). */
export const localDateSchema = z.iso.date()

/** A wall-clock time `HH:MM` (24 h), e.g. a property's check-out time `11:00`. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')

/** True when the runtime's Intl knows this IANA time zone name. */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone name the runtime can compute with, e.g. `Europe/Lisbon`. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .refine(isKnownTimeZone, { message: 'unknown IANA time zone' })

/** The reservation number; the wire sometimes carries it as a JSON number, we keep a string. */
export const referenceSchema = z.union([z.string(), z.number().int()]).transform(String)

/** The API versions Innbox speaks, chosen per request with `Accept-Version` (PLATFORM.md, Transport). */
export const API_VERSIONS = ['1.0', '1.2'] as const
export type ApiVersion = (typeof API_VERSIONS)[number]
export const ACCEPT_VERSION_HEADER = 'Accept-Version'
/** Without the header the platform answers as 1.0. */
export const DEFAULT_API_VERSION: ApiVersion = '1.0'

export type Id = z.infer<typeof idSchema>
export type IsoInstant = z.infer<typeof isoInstantSchema>
export type LocalDate = z.infer<typeof localDateSchema>
export type LocalTime = z.infer<typeof localTimeSchema>
