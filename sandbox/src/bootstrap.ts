import { randomBytes } from 'node:crypto'
import { buildDemoSeed } from '../seed/demo'
import type { SandboxClock } from './clock'
import type { SandboxEvent } from './store/events'
import type { AccountRecord } from './store/model'
import type { Store } from './store/store'

export type SeedName = 'demo' | 'empty'

const DEFAULT_CLIENT_ID = 'innbox-sandbox-desk'

/**
 * Fills the store with a seed. `reset` first forgets everything but the signing key and the
 * default machine account, so a desk connected to the sandbox stays connected across resets.
 * One commit: a crash leaves the old data or the new, never a mix.
 */
export async function applySeed(
  store: Store,
  clock: SandboxClock,
  seed: SeedName,
  reset: boolean,
): Promise<void> {
  const events: SandboxEvent[] = reset ? [{ type: 'reset' }] : []
  if (!store.state.signingKey) {
    events.push({ type: 'signing_key_set', key: randomBytes(32).toString('base64url') })
  }
  if (!defaultAccount(store)) {
    const account: AccountRecord = {
      client_id: DEFAULT_CLIENT_ID,
      client_secret: randomBytes(18).toString('base64url'),
      property_ids: null,
    }
    events.push({ type: 'account_put', account, is_default: true })
  }
  if (seed === 'demo') {
    const demo = buildDemoSeed(clock.now())
    for (const bytes of demo.blobs) await store.putBlob(bytes)
    events.push(...demo.events)
  }
  await store.commit(events)
  if (reset) await store.compact()
}

/** The machine account the sandbox prints at start and keeps across resets. */
export function defaultAccount(store: Store): AccountRecord | undefined {
  const id = store.state.defaultClientId
  return id === null ? undefined : store.state.accounts.get(id)
}
