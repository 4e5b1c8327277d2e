import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CircuitBreaker } from '../../../../../electron/services/platform/breaker'
import type { BreakerSnapshot } from '../../../../../electron/services/platform/breaker'
import { fastBreaker, ManualClock, platformHarness, setFaults } from './harness'
import type { Harness } from './harness'

describe('CircuitBreaker', () => {
  function setup() {
    const clock = new ManualClock(0)
    const changes: BreakerSnapshot[] = []
    const breaker = new CircuitBreaker(clock, fastBreaker, (s) => changes.push(s))
    return { clock, breaker, changes }
  }

  it('opens after the threshold of consecutive failures, not before', () => {
    const { breaker, changes } = setup()
    breaker.failed()
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    breaker.failed()
    expect(breaker.snapshot.state).toBe('closed')
    breaker.failed()
    expect(breaker.snapshot).toEqual({ state: 'open', retryAt: 1_000 })
    expect(changes.map((c) => c.state)).toEqual(['open'])
  })

  it('lets one probe through after the cool-down and closes on its success', () => {
    const { clock, breaker, changes } = setup()
    for (let i = 0; i < 3; i += 1) breaker.failed()
    expect(breaker.admit()).toEqual({ admitted: false, retryAfterMs: 1_000 })
    clock.advance(1_000)
    expect(breaker.admit()).toEqual({ admitted: true })
    expect(breaker.admit()).toMatchObject({ admitted: false })
    breaker.succeeded()
    expect(breaker.admit()).toEqual({ admitted: true })
    expect(changes.map((c) => c.state)).toEqual(['open', 'half_open', 'closed'])
  })

  it('reopens for twice as long when the probe fails, up to the maximum', () => {
    const { clock, breaker } = setup()
    for (let i = 0; i < 3; i += 1) breaker.failed()
    for (const cooldown of [1_000, 2_000, 4_000, 4_000]) {
      clock.advance(cooldown)
      expect(breaker.admit().admitted).toBe(true)
      breaker.failed()
      expect(breaker.snapshot.retryAt! - clock.now()).toBe(Math.min(cooldown * 2, 4_000))
    }
  })

  it('frees the probe slot when the probe sent nothing', () => {
    const { clock, breaker } = setup()
    for (let i = 0; i < 3; i += 1) breaker.failed()
    clock.advance(1_000)
    expect(breaker.admit().admitted).toBe(true)
    breaker.released()
    expect(breaker.admit().admitted).toBe(true)
  })
})

describe('the breaker against a platform that goes down', () => {
  let h: Harness
  beforeAll(async () => {
    h = await platformHarness()
  })
  afterAll(() => h.close())

  it('opens during an outage, stops sending, and closes once the platform is back', async () => {
    const client = h.newClient()
    expect((await client.properties()).ok).toBe(true)
    await setFaults(h.box, { outage: true })
    const down = await client.properties()
    expect(down).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(client.breaker.snapshot.state).toBe('open')

    h.calls.length = 0
    const paused = await client.properties()
    expect(paused).toMatchObject({
      ok: false,
      error: { code: 'offline', details: { cause: 'breaker_open', retryAfterMs: 1_000 } },
    })
    expect(h.calls).toEqual([])

    await setFaults(h.box, {})
    h.clock.advance(1_000)
    expect((await client.properties()).ok).toBe(true)
    expect(client.breaker.snapshot.state).toBe('closed')
  })
})
