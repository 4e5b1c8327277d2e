import { SeededRandom } from '../../sandbox/src/random'
import { phrasebooks, TOPICS, type SeedLanguage } from '../../sandbox/seed/phrases'
import { guestNames } from '../../sandbox/seed/guests'

// The embedded sandbox as the platform of a bigger account (issue 11, item 9): reservations on
// the demo properties and guest messages loaded in bulk through the control API (arrays: one
// commit and one fsync per request), before the desk first starts.

const DEMO_PROPERTIES = ['4012001', '4012002', '4012003', '4012004']
const MESSAGES_PER_CONVERSATION = 10
const DAY = 86_400_000

async function post<T>(sandboxUrl: string, route: string, data: unknown): Promise<T> {
  const answer = await fetch(`${sandboxUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  })
  if (!answer.ok) throw new Error(`${route}: ${answer.status} ${await answer.text()}`)
  return (await answer.json()) as T
}

export async function sandboxNow(sandboxUrl: string): Promise<number> {
  const answer = await fetch(`${sandboxUrl}/sandbox/clock`)
  return Date.parse(((await answer.json()) as { now: string }).now)
}

/** Adds `messages` guest messages in conversations of ten messages, deterministically. */
export async function seedPlatformAccount(sandboxUrl: string, messages: number): Promise<void> {
  const random = new SeededRandom(20_000)
  const now = await sandboxNow(sandboxUrl)
  const languages = Object.keys(phrasebooks) as SeedLanguage[]
  const conversations = Math.ceil(messages / MESSAGES_PER_CONVERSATION)
  const reservations = Array.from({ length: conversations }, () => {
    const language = random.pick(languages)
    const [firsts, lasts] = guestNames[language]
    const bookedAt = now - random.int(20, 300) * DAY
    const checkinAt = bookedAt + random.int(1, 15) * DAY
    const day = (instant: number) => new Date(instant).toISOString().slice(0, 10)
    return {
      language,
      bookedAt,
      body: {
        property_id: random.pick(DEMO_PROPERTIES),
        guest_name: `${random.pick(firsts)} ${random.pick(lasts)}`,
        guest_language: language,
        booked_at: new Date(bookedAt).toISOString(),
        checkin: day(checkinAt),
        checkout: day(checkinAt + random.int(1, 5) * DAY),
        status: 'confirmed',
      },
    }
  })
  const made: { conversation_id: string }[] = []
  for (let at = 0; at < reservations.length; at += 1_000) {
    const page = reservations.slice(at, at + 1_000).map((r) => r.body)
    made.push(
      ...(await post<{ conversation_id: string }[]>(sandboxUrl, '/sandbox/reservations', page)),
    )
  }
  const items = reservations.flatMap((r, index) => {
    const span = now - r.bookedAt
    const instants = Array.from(
      { length: MESSAGES_PER_CONVERSATION },
      () => r.bookedAt + Math.floor(random.next() * span),
    )
    instants.sort((a, b) => a - b)
    return instants.map((at) => ({
      property_id: r.body.property_id,
      conversation_id: made[index]!.conversation_id,
      content: phrasebooks[r.language].guest[random.pick(TOPICS)],
      timestamp: new Date(at).toISOString(),
    }))
  })
  for (let at = 0; at < Math.min(items.length, messages); at += 5_000) {
    await post(
      sandboxUrl,
      '/sandbox/guest-messages',
      items.slice(at, Math.min(at + 5_000, messages)),
    )
  }
}
