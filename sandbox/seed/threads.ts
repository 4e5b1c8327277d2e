import type { SeededRandom } from '../src/random'
import { phrasebooks, type SeedLanguage, type Topic } from './phrases'
import type { PropertyCalendar, StayPlan } from './plan'

// The messages of one demo conversation: what the guest asks given where the stay is in
// time, and whether and when the property answered.

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

export type PhotoName = 'room' | 'entrance' | 'map'

export interface ThreadMessage {
  sender: 'guest' | 'property'
  content: string
  at: number
  message_type?: string
  attributes?: Record<string, unknown>
  photo?: PhotoName
}

export interface Thread {
  messages: ThreadMessage[]
  /** Set `no_reply_needed` this long after the last guest message (rule 9). */
  noReplyNeededAfterMs?: number
}

const SELF_SERVICE: [string, string][] = [
  ['checkin', 'The guest shared their estimated arrival time: between 14:00 and 15:00.'],
  ['parking', 'The guest would like to reserve a parking space.'],
  ['extra_bed', 'The guest asked for an extra bed.'],
  ['bed_type', 'The guest asked for a double bed instead of two single beds.'],
  ['extra_crib', 'The guest asked for a crib.'],
  [
    'change_dates_nr',
    'The guest asked to change the dates of this non-refundable booking. Answer in the extranet.',
  ],
  [
    'cancel_booking',
    'The guest asked to cancel this booking free of charge. Answer in the extranet.',
  ],
]

const PHOTOS: Partial<Record<Topic, PhotoName>> = { stain: 'room', entrance: 'entrance' }

export interface ThreadInput {
  random: SeededRandom
  plan: StayPlan
  calendar: PropertyCalendar
  language: SeedLanguage
  firstName: string
  bookedAt: number
}

export function writeThread(input: ThreadInput): Thread {
  const { random, plan, calendar } = input
  const now = calendar.now
  const checkin = plan.checkinOffset
  const checkout = checkin + plan.nights
  const exchange = (
    topic: Topic,
    at: number,
    replyChance: number,
    thread: Thread = { messages: [] },
  ) => addExchange(input, thread, topic, at, replyChance)
  switch (plan.kind) {
    case 'arriving_today':
      return exchange(
        random.pick(['late_arrival', 'early_checkin', 'directions', 'checkin_time'] as const),
        now - random.int(1, 9) * HOUR,
        0.5,
      )
    case 'in_house': {
      const thread = exchange(
        random.pick(['complaint', 'stain', 'parking'] as const),
        calendar.at(random.int(checkin, 0), random.int(9, 21), random.int(0, 59)),
        0.6,
      )
      if (random.chance(0.5)) {
        thread.messages.push({
          sender: 'guest',
          content: random.pick(phrasebooks[input.language].extra),
          at: now - random.int(5, 90) * MINUTE,
        })
      }
      return thread
    }
    case 'departing_today':
      return exchange('entrance', now - random.int(5, 50) * MINUTE, 0)
    case 'upcoming':
    case 'cancelled':
    case 'self_service': {
      const thread: Thread = { messages: [] }
      if (plan.kind === 'self_service') {
        const [topic, text] = random.pick(SELF_SERVICE)
        thread.messages.push({
          sender: 'guest',
          content: text,
          at: now - random.int(1, 72) * HOUR,
          message_type: 'self_service_event',
          attributes: { self_service_topic: topic },
        })
      }
      if (plan.kind === 'self_service' || random.chance(checkin <= 14 ? 0.8 : 0.4)) {
        const latest = Math.min(now, calendar.at(checkin, 8)) - 30 * MINUTE
        const at =
          latest -
          random.int(0, Math.max(1, Math.min(20 * 24, (latest - input.bookedAt) / HOUR))) * HOUR
        exchange(
          random.pick([
            'checkin_time',
            'parking',
            'directions',
            'early_checkin',
            'late_arrival',
          ] as const),
          at,
          0.8,
          thread,
        )
      }
      return thread
    }
    case 'past':
    case 'near_read_limit':
    case 'past_read_window': {
      const thread: Thread = { messages: [] }
      if (plan.kind === 'past' && random.chance(0.4)) {
        exchange(
          random.pick(['checkin_time', 'parking', 'directions'] as const),
          calendar.at(checkin - random.int(1, 4), random.int(8, 22)),
          0.9,
          thread,
        )
      }
      if (plan.kind !== 'past' || random.chance(0.5)) {
        exchange(
          'thanks',
          calendar.at(checkout, random.int(13, 21), random.int(0, 59)),
          0.6,
          thread,
        )
        if (thread.messages.at(-1)?.sender === 'guest') thread.noReplyNeededAfterMs = 2 * HOUR
      }
      return thread
    }
    case 'reply_deadline_passed':
      // Written during the stay, never answered: both the send and the reply window are over (rules 1, 2).
      return exchange('complaint', calendar.at(checkout - 1, 20, 15), 0)
    case 'request_to_book': {
      const at = now - random.int(2, 30) * HOUR
      const thread: Thread = {
        messages: [
          {
            sender: 'guest',
            content: `Request to book: ${plan.nights} nights, 2 adults.`,
            at,
            message_type: 'request_to_book_event',
          },
        ],
      }
      return exchange('pet_question', at + MINUTE, 0.5, thread)
    }
  }
}

function addExchange(
  input: ThreadInput,
  thread: Thread,
  topic: Topic,
  at: number,
  replyChance: number,
): Thread {
  const { random, calendar } = input
  const book = phrasebooks[input.language]
  const earliest = Math.max(
    input.bookedAt + 10 * MINUTE,
    (thread.messages.at(-1)?.at ?? 0) + MINUTE,
  )
  const guestAt = Math.min(Math.max(at, earliest), calendar.now - MINUTE)
  thread.messages.push({
    sender: 'guest',
    content: book.guest[topic],
    at: guestAt,
    photo: PHOTOS[topic],
  })
  const replyAt = guestAt + random.int(8, 20 * 60) * MINUTE
  if (random.chance(replyChance) && replyAt < calendar.now) {
    thread.messages.push({
      sender: 'property',
      content: book.reply[topic].replace('{guest}', input.firstName),
      at: replyAt,
      photo: topic === 'directions' ? 'map' : undefined,
    })
  }
  return thread
}
