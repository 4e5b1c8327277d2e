import type { EventChannel, EventPayload } from '../../shared/bridge'

type Subscriber = (event: EventChannel, payload: unknown) => void

/**
 * Fans events from the services out to every connected UI: Electron windows and web-host
 * streams subscribe here, services only `emit`.
 */
export class EventHub {
  readonly #subscribers = new Set<Subscriber>()

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const subscriber of this.#subscribers) {
      try {
        subscriber(event, payload)
      } catch (error) {
        // A broken subscriber (a closed window, a dropped stream) must not stop the others.
        console.error(`Event subscriber failed for ${event}:`, error)
      }
    }
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber)
    return () => this.#subscribers.delete(subscriber)
  }
}
