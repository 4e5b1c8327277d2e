import { nextTimestamp } from './api/send'
import { messageEvent, randomIds } from './factory'
import type { SandboxRuntime } from './runtime'
import { phrasebooks, type SeedLanguage } from '../seed/phrases'

/**
 * Now and then a guest with a current or coming stay writes in (demo mode,
 * `--simulate-guests SECONDS`), so a demo desk sees the inbox move.
 */
export function startGuestSimulator(runtime: SandboxRuntime, everySeconds: number): () => void {
  const timer = setInterval(() => {
    void simulateOne(runtime).catch((error: unknown) =>
      console.error('sandbox: guest simulator failed', error),
    )
  }, everySeconds * 1000)
  timer.unref()
  return () => clearInterval(timer)
}

export async function simulateOne(runtime: SandboxRuntime): Promise<string | null> {
  const { state } = runtime.store
  const today = runtime.clock.nowIso().slice(0, 10)
  const candidates = [...state.reservations.values()].filter(
    (reservation) => reservation.status === 'confirmed' && reservation.checkout >= today,
  )
  if (candidates.length === 0) return null
  const reservation = candidates[Math.floor(Math.random() * candidates.length)]
  if (!reservation) return null
  const language = (
    reservation.guest_language in phrasebooks ? reservation.guest_language : 'en'
  ) as SeedLanguage
  const book = phrasebooks[language]
  const lines = [
    ...book.extra,
    book.guest.checkin_time,
    book.guest.parking,
    book.guest.late_arrival,
  ]
  const event = messageEvent(
    {
      conversation_id: reservation.conversation_id,
      content: lines[Math.floor(Math.random() * lines.length)] ?? book.guest.thanks,
      timestamp: nextTimestamp(state, reservation.conversation_id, runtime.clock.now()),
      sender_type: 'guest',
    },
    randomIds,
  )
  await runtime.store.commit([event])
  return event.message.message_id
}
