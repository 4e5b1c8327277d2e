import type { Message, Participant, Property, Reservation } from '@shared/platform'
import { guestNames } from '../../sandbox/seed/guests'
import { phrasebooks, TOPICS, type SeedLanguage } from '../../sandbox/seed/phrases'
import { SeededRandom } from '../../sandbox/src/random'

// The benchmark's dataset (issue 11): a hotel group's year of guest conversations, generated
// deterministically (same seed → same ids, texts and instants) and streamed a property at a time
// so that 2,000,000 messages never sit in memory at once. Realistic where it matters for speed:
// message counts per conversation are skewed (most short, a few long threads), texts come from the
// demo phrasebooks in ten languages and scripts (one to four sentences), instants spread over the
// last 330 days around each stay, guests write at any hour and the property answers within hours.

export const BASE = { properties: 20, conversations: 20_000, messages: 200_000 }

/** Rare words: each appears in a handful of messages only, to search for. */
export const RARE_WORDS = [
  'xylophone',
  'quokka',
  'zeppelin',
  'marzipan',
  'ocarina',
  'kumquat',
  'theremin',
  'axolotl',
  'samovar',
  'gondolier',
] as const
/** Words guests and hotels write all the time (several languages), to search for. */
export const COMMON_WORDS = ['parking', 'check', 'taxi', 'hotel', 'Zimmer', 'habitación'] as const

const RARE_SHARE = 0.0004
const LANGUAGES = Object.keys(phrasebooks) as SeedLanguage[]
const DAY = 86_400_000
const HOUR = 3_600_000
const ZONES = [
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Warsaw',
  'Asia/Bangkok',
  'America/New_York',
  'Asia/Dubai',
]

export interface DatasetOptions {
  scale: number
  /** The instant the dataset ends at (the sandbox's "now"). */
  now: number
  seed?: number
}

export interface GeneratedConversation {
  reservation: Reservation
  propertyId: string
  conversationId: string
  participants: Participant[]
  guestName: string
  messages: Message[]
}

export interface GeneratedProperty {
  property: Property
  conversations: GeneratedConversation[]
}

export function propertyCount(scale: number): number {
  return Math.max(1, Math.round(BASE.properties * scale))
}

export function conversationsPerProperty(scale: number): number {
  return Math.round((BASE.conversations * scale) / propertyCount(scale))
}

/** One property and its year of conversations: the same every time for the same options. */
export function generateProperty(options: DatasetOptions, index: number): GeneratedProperty {
  const random = new SeededRandom(((options.seed ?? 11) * 1_000_003 + index * 7_919) >>> 0)
  const propertyId = String(7_100_000 + index)
  const languages = [random.pick(LANGUAGES), random.pick(LANGUAGES), 'en' as SeedLanguage]
  const property: Property = {
    property_id: propertyId,
    name: `Bench Hotel ${String(index + 1).padStart(3, '0')}`,
    time_zone: ZONES[index % ZONES.length]!,
    checkout_time: '11:00',
    links_disabled: false,
    approved_links: [],
  }
  const perProperty = conversationsPerProperty(options.scale)
  // Messages per conversation: 10 on average, most threads short, a few long ones.
  const mean = BASE.messages / BASE.conversations
  const conversations: GeneratedConversation[] = []
  for (let c = 0; c < perProperty; c += 1) {
    const count = Math.min(80, 1 + Math.floor(-Math.log(1 - random.next()) * (mean - 0.5)))
    conversations.push(conversationOf(random, options.now, property, languages, count))
  }
  return { property, conversations }
}

function conversationOf(
  random: SeededRandom,
  now: number,
  property: Property,
  languages: readonly SeedLanguage[],
  count: number,
): GeneratedConversation {
  const language = random.chance(0.6) ? languages[0]! : random.pick(languages)
  const [firsts, lasts] = guestNames[language]
  const guestName = `${random.pick(firsts)} ${random.pick(lasts)}`
  const conversationId = random.uuid()
  const reservationId = random.digits(10)
  const bookedAt = now - random.int(1, 330) * DAY - random.int(0, 23) * HOUR
  const checkinAt = bookedAt + random.int(1, 90) * DAY
  const nights = random.int(1, 7)
  const day = (instant: number) => new Date(instant).toISOString().slice(0, 10)
  const guest: Participant = {
    participant_id: random.uuid(),
    metadata: { participant_type: 'guest', name: guestName },
  }
  const hotel: Participant = {
    participant_id: `p-${property.property_id}`,
    metadata: { participant_type: 'property', name: property.name },
  }
  const reservation: Reservation = {
    reservation_id: reservationId,
    conversation_id: conversationId,
    property_id: property.property_id,
    guest_name: guestName,
    guest_language: language,
    booked_at: new Date(bookedAt).toISOString(),
    checkin: day(checkinAt),
    checkout: day(checkinAt + nights * DAY),
    status: 'confirmed',
    cancelled_at: null,
    conversation_type: 'reservation',
  }
  // The thread runs from the booking to a couple of days after check-out, never past now.
  const end = Math.min(now - 60_000, checkinAt + (nights + 2) * DAY)
  const span = Math.max(60_000, end - bookedAt)
  const instants = Array.from({ length: count }, () => bookedAt + Math.floor(random.next() * span))
  instants.sort((a, b) => a - b)
  const book = phrasebooks[language]
  const firstName = guestName.split(' ')[0]!
  const messages = instants.map((at, i): Message => {
    const fromGuest = i === 0 || random.chance(0.55)
    const sentences = 1 + Math.floor(random.next() ** 2 * 4)
    const parts: string[] = []
    for (let s = 0; s < sentences; s += 1) {
      const topic = random.pick(TOPICS)
      parts.push(
        fromGuest
          ? random.chance(0.3)
            ? random.pick(book.extra)
            : book.guest[topic]
          : book.reply[topic].replaceAll('{guest}', firstName),
      )
    }
    if (random.chance(RARE_SHARE * RARE_WORDS.length)) parts.push(random.pick(RARE_WORDS))
    return {
      message_id: random.uuid(),
      content: parts.join(' '),
      timestamp: new Date(at).toISOString(),
      sender: fromGuest ? guest : hotel,
      conversation: {
        conversation_id: conversationId,
        conversation_type: 'reservation',
        conversation_reference: reservationId,
        property_id: property.property_id,
      },
      attachment_ids: [],
      message_type: 'free_text',
      attributes: undefined,
    }
  })
  return {
    reservation,
    propertyId: property.property_id,
    conversationId,
    participants: [guest, hotel],
    guestName,
    messages,
  }
}

/** Guest names to search for, drawn from the dataset itself. */
export function sampleGuestNames(options: DatasetOptions, count: number): string[] {
  const { conversations } = generateProperty(options, 0)
  const step = Math.max(1, Math.floor(conversations.length / count))
  return conversations
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((c) => c.guestName)
}
