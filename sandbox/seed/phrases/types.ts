/** What guests write about in the demo, and the property's answer to each. */
export const TOPICS = [
  'checkin_time',
  'parking',
  'directions',
  'late_arrival',
  'early_checkin',
  'complaint',
  'stain',
  'entrance',
  'thanks',
  'pet_question',
] as const
export type Topic = (typeof TOPICS)[number]

/**
 * One language's demo texts. `{guest}` in a reply stands for the guest's first name.
 * `stain` and `entrance` come with a photo; `pet_question` opens a request_to_book.
 */
export interface Phrasebook {
  guest: Record<Topic, string>
  reply: Record<Topic, string>
  /** A few more guest lines for the guest simulator. */
  extra: string[]
}
