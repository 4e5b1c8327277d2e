import { MemoryLog } from '../../../../../electron/services/logging/platform-log'
import { CircuitBreaker } from '../../../../../electron/services/platform/breaker'
import type { BreakerOptions } from '../../../../../electron/services/platform/breaker'
import { PlatformClient } from '../../../../../electron/services/platform/client'
import type { PlatformClientOptions } from '../../../../../electron/services/platform/client'
import { PolicyFacts } from '../../../../../electron/services/platform/facts'
import { ExchangeLedger } from '../../../../../electron/services/platform/token'
import type { Clock, FetchFunction } from '../../../../../electron/services/platform/types'
import { NOW, startTestSandbox } from '../../../sandbox/harness'
import type { TestSandbox } from '../../../sandbox/harness'
import type { SandboxOptions } from '../../../../../sandbox'

// The platform client against a real sandbox on a free port, with a clock the test moves,
// sleeps that do not wait, and every HTTP request the client makes recorded.

export { NOW }

export class ManualClock implements Clock {
  constructor(public time: number = Date.parse(NOW)) {}
  now(): number {
    return this.time
  }
  advance(ms: number): void {
    this.time += ms
  }
}

export interface RecordedCall {
  method: string
  path: string
}

export function recordingFetch(): { fetch: FetchFunction; calls: RecordedCall[] } {
  const calls: RecordedCall[] = []
  const recorder: FetchFunction = (input, init) => {
    calls.push({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname })
    return fetch(input, init)
  }
  return { fetch: recorder, calls }
}

export const fastBreaker: BreakerOptions = {
  failureThreshold: 3,
  cooldownMs: 1_000,
  maxCooldownMs: 4_000,
}

export interface Harness {
  box: TestSandbox
  client: PlatformClient
  facts: PolicyFacts
  clock: ManualClock
  calls: RecordedCall[]
  log: MemoryLog
  ledger: ExchangeLedger
  /** Every delay the client asked to sleep, in order. */
  sleeps: number[]
  /** Runs on each sleep (e.g. to clear a fault while the client "waits"). */
  onSleep: { current: (ms: number) => Promise<void> | void }
  newClient(overrides?: Partial<PlatformClientOptions>): PlatformClient
  close(): Promise<void>
}

export async function platformHarness(
  sandboxOptions: Partial<SandboxOptions> = {},
  clientOptions: Partial<PlatformClientOptions> = {},
): Promise<Harness> {
  const box = await startTestSandbox({ searchReadyMs: 0, ...sandboxOptions })
  const clock = new ManualClock()
  const { fetch, calls } = recordingFetch()
  const log = new MemoryLog()
  const ledger = new ExchangeLedger()
  const sleeps: number[] = []
  const onSleep: Harness['onSleep'] = { current: () => {} }
  const newClient = (overrides: Partial<PlatformClientOptions> = {}) =>
    new PlatformClient({
      account: { id: 'test', baseUrl: box.url, clientId: box.sandbox.account.clientId },
      secret: async () => box.sandbox.account.clientSecret,
      fetch,
      clock,
      sleep: async (ms) => {
        sleeps.push(ms)
        await onSleep.current(ms)
      },
      random: () => 0.5,
      log,
      ledger,
      breaker: new CircuitBreaker(clock, fastBreaker),
      timeoutMs: 2_000,
      tokenTimeoutMs: 2_000,
      ...clientOptions,
      ...overrides,
    })
  const client = newClient()
  return {
    box,
    client,
    facts: new PolicyFacts(client, clock),
    clock,
    calls,
    log,
    ledger,
    sleeps,
    onSleep,
    newClient,
    close: () => box.close(),
  }
}

/** Sets the sandbox's faults (`{}` clears them). */
export async function setFaults(box: TestSandbox, faults: Record<string, unknown>): Promise<void> {
  const answer = await box.control('POST', '/faults', faults)
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.body))
}

/** What the property side sent, as the sandbox recorded it. */
export async function sentMessages(
  box: TestSandbox,
): Promise<{ content: string; conversation_id: string }[]> {
  return (await box.control('GET', '/sent')).body.messages
}
