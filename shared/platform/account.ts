import { z } from 'zod'
import { conversationTypeSchema } from './message'
import {
  idSchema,
  isoInstantSchema,
  localDateSchema,
  localTimeSchema,
  referenceSchema,
  timeZoneSchema,
} from './primitives'

// The account-level feeds: properties and reservations (PLATFORM.md, "Endpoints", tagged [ours]).

/** A property the machine account may manage, with what the policy needs to know of it. */
export const propertySchema = z.object({
  property_id: idSchema,
  name: z.string(),
  time_zone: timeZoneSchema,
  // Absent or null: the policy assumes 11:00 (see shared/policy/checkout.ts).
  checkout_time: localTimeSchema.nullish().transform((value) => value ?? null),
  // Rule 5: the platform may switch links off for a property entirely.
  links_disabled: z.boolean().default(false),
  // Rule 5: links on this list survive; others are stripped by the platform.
  approved_links: z.array(z.string().min(1)).default([]),
})
export type Property = z.infer<typeof propertySchema>

/** `data` of `GET /properties`. */
export const propertiesResponseSchema = z.object({ properties: z.array(propertySchema) })
export type PropertiesResponse = z.infer<typeof propertiesResponseSchema>

export const RESERVATION_STATUSES = ['confirmed', 'modified', 'cancelled', 'no_show'] as const
export const reservationStatusSchema = z.enum(RESERVATION_STATUSES)
export type ReservationStatus = z.infer<typeof reservationStatusSchema>

export const reservationSchema = z
  .object({
    reservation_id: referenceSchema,
    conversation_id: idSchema,
    property_id: idSchema.optional(),
    guest_name: z.string(),
    guest_language: z
      .string()
      .nullish()
      .transform((value) => value ?? null),
    booked_at: isoInstantSchema,
    checkin: localDateSchema,
    checkout: localDateSchema,
    status: reservationStatusSchema,
    cancelled_at: isoInstantSchema.nullish().transform((value) => value ?? null),
    conversation_type: conversationTypeSchema.default('reservation'),
    updated_at: isoInstantSchema.optional(),
  })
  // Rules 1 and 3 run from check-out or cancellation: a reservation must say which applies.
  .refine((r) => (r.status === 'cancelled') === (r.cancelled_at !== null), {
    message: 'cancelled_at must be set exactly when status is cancelled',
    path: ['cancelled_at'],
  })
  .refine((r) => r.checkout > r.checkin, {
    message: 'checkout must be after checkin',
    path: ['checkout'],
  })
export type Reservation = z.infer<typeof reservationSchema>

/** `data` of `GET /properties/{property_id}/reservations?updated_since=`. */
export const reservationsResponseSchema = z.object({
  reservations: z.array(reservationSchema),
  next_page_id: z
    .string()
    .nullish()
    .transform((value) => (value ? value : null)),
})
export type ReservationsResponse = z.infer<typeof reservationsResponseSchema>
