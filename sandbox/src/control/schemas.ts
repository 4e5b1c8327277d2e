import { z } from 'zod'
import {
  isoInstantSchema,
  localDateSchema,
  localTimeSchema,
  MESSAGE_TYPES,
  timeZoneSchema,
} from '../../../shared/platform'

// Input of the control API, validated as strictly as the Messaging API's.

const idText = z.string().min(1).max(100)

export const resetSchema = z.strictObject({ seed: z.enum(['demo', 'empty']) })

export const requestsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
})

export const accountSchema = z.strictObject({
  client_id: idText,
  client_secret: z.string().min(8).max(200),
  property_ids: z.array(idText).max(10_000).optional(),
})

const propertyFields = {
  name: z.string().min(1).max(200),
  time_zone: timeZoneSchema,
  checkout_time: localTimeSchema.optional(),
  links_disabled: z.boolean().optional(),
  approved_links: z.array(z.string().min(1).max(500)).max(100).optional(),
}

export const newPropertySchema = z.strictObject({
  property_id: idText.optional(),
  ...propertyFields,
})
export const propertyPatchSchema = z.strictObject({
  ...propertyFields,
  name: propertyFields.name.optional(),
  time_zone: propertyFields.time_zone.optional(),
})

export const reservationSchema = z
  .strictObject({
    property_id: idText,
    reservation_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional(),
    guest_name: z.string().min(1).max(200),
    guest_language: z.string().min(2).max(20),
    booked_at: isoInstantSchema,
    checkin: localDateSchema,
    checkout: localDateSchema,
    status: z.enum(['confirmed', 'cancelled']),
    cancelled_at: isoInstantSchema.nullish(),
    conversation_type: z.enum(['reservation', 'request_to_book']).optional(),
  })
  .refine((r) => r.checkout > r.checkin, { message: 'must be after checkin', path: ['checkout'] })
  .refine((r) => r.status === 'cancelled' || !r.cancelled_at, {
    message: 'only a cancelled reservation has one',
    path: ['cancelled_at'],
  })

export const guestPhotoSchema = z.strictObject({
  file_name: z.string().min(1).max(255),
  file_content: z.string().min(1),
})

export const guestMessageSchema = z.strictObject({
  property_id: idText,
  conversation_id: idText,
  content: z.string().max(20_000),
  timestamp: isoInstantSchema.optional(),
  message_type: z.enum(MESSAGE_TYPES).optional(),
  attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  attachments: z.array(guestPhotoSchema).max(10).optional(),
})

/** Bulk loads (benchmarks) send arrays: one commit, one fsync for the lot. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1).max(5_000)])

export const clockSchema = z
  .strictObject({
    now: isoInstantSchema.optional(),
    advance_ms: z
      .number()
      .int()
      .min(-10 * 365 * 86_400_000)
      .max(10 * 365 * 86_400_000)
      .optional(),
  })
  .refine((body) => body.now === undefined || body.advance_ms === undefined, {
    message: 'give now or advance_ms, not both',
  })
