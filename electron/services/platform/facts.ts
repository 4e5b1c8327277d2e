import type { Property, Reservation } from '../../../shared/platform'
import type { PlatformClient } from './client'
import { problem } from './types'
import type { Clock, PlatformResult } from './types'

/** How long the properties and reservations feeds are trusted before they are asked again. */
export const FACTS_TTL_MS = 60_000

interface ReservationCache {
  byConversation: Map<string, Reservation>
  /** The newest `updated_at` seen: the next refresh asks only for later changes. */
  updatedSince: string | undefined
  fetchedAt: number
}

/**
 * What the policy preflight needs to know about a property and a reservation, from the
 * account's feeds, with a short-lived cache: a desk that sends ten replies in a minute asks
 * for the feeds once, and a property whose links were just switched off is seen within a minute.
 */
export class PolicyFacts {
  #properties: { list: Property[]; fetchedAt: number } | null = null
  readonly #reservations = new Map<string, ReservationCache>()

  constructor(
    private readonly client: PlatformClient,
    private readonly clock: Clock,
    private readonly ttlMs = FACTS_TTL_MS,
  ) {}

  async property(propertyId: string): Promise<PlatformResult<Property>> {
    const now = this.clock.now()
    const find = () => this.#properties?.list.find((item) => item.property_id === propertyId)
    const fresh = this.#properties !== null && now - this.#properties.fetchedAt < this.ttlMs
    // A property the cache does not know may have been added since: ask again.
    if (!fresh || !find()) {
      const result = await this.client.properties()
      if (!result.ok) return result
      this.#properties = { list: result.value, fetchedAt: now }
    }
    const property = find()
    if (property) return { ok: true, value: property, ruid: null, warnings: [] }
    const message = `This account does not manage property "${propertyId}".`
    return { ok: false, error: problem('not_found', message) }
  }

  /** The reservation behind a conversation, or null when the feed does not know it (yet). */
  async reservation(
    propertyId: string,
    conversationId: string,
  ): Promise<PlatformResult<Reservation | null>> {
    const now = this.clock.now()
    let cache = this.#reservations.get(propertyId)
    const stale = !cache || now - cache.fetchedAt >= this.ttlMs
    if (stale || !cache?.byConversation.has(conversationId)) {
      const fresh = await this.#refresh(propertyId, cache, now)
      if (!fresh.ok) return fresh
      cache = fresh.value
    }
    const reservation = cache?.byConversation.get(conversationId) ?? null
    return { ok: true, value: reservation, ruid: null, warnings: [] }
  }

  async #refresh(
    propertyId: string,
    previous: ReservationCache | undefined,
    now: number,
  ): Promise<PlatformResult<ReservationCache>> {
    const cache: ReservationCache = previous
      ? { ...previous, byConversation: new Map(previous.byConversation) }
      : { byConversation: new Map(), updatedSince: undefined, fetchedAt: now }
    const page = await this.client.allReservations(propertyId, cache.updatedSince)
    if (!page.ok) return page
    for (const reservation of page.value) {
      cache.byConversation.set(reservation.conversation_id, reservation)
      const updated = reservation.updated_at
      if (updated && (!cache.updatedSince || updated > cache.updatedSince)) {
        cache.updatedSince = updated
      }
    }
    cache.fetchedAt = now
    this.#reservations.set(propertyId, cache)
    return { ok: true, value: cache, ruid: null, warnings: [] }
  }
}
