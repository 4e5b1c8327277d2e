import 'fake-indexeddb/auto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { InnboxDb } from '@/db'
import { createMetricsHost } from '@/metrics/host'
import type { FromMetrics } from '@/metrics/protocol'

const T0 = Date.parse('2026-11-21T17:00:00.000Z')

describe('the metrics host', () => {
  let stop: (() => void) | null = null
  afterEach(() => stop?.())

  async function firstResult(delayMs: number, asked: { now: number; sentAt: number }) {
    const db = new InnboxDb(`metrics-host-${delayMs}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const results: FromMetrics[] = []
    // The worker's clock: the message arrives `delayMs` after the page posted it.
    const host = createMetricsHost(
      db,
      (message) => results.push(message),
      () => T0 + delayMs,
    )
    stop = () => host.stop()
    host.receive({ type: 'now', ...asked })
    await expect.poll(() => results.length).toBeGreaterThan(0)
    return results[0]!
  }

  it("computes at the page's instant, however late a busy worker reads the message", async () => {
    // Five seconds in the queue must not put the worker five seconds in the past: a reply
    // written meanwhile would look like the future and not count until the next tick.
    const result = await firstResult(5_000, { now: T0, sentAt: T0 })
    expect(result).toMatchObject({ type: 'result', result: { now: T0 + 5_000 } })
  })

  it('keeps an instant the page asks for on purpose, time running on from it', async () => {
    const asked = Date.parse('2025-01-01T00:00:00.000Z')
    const result = await firstResult(2_000, { now: asked, sentAt: T0 })
    expect(result).toMatchObject({ type: 'result', result: { now: asked + 2_000 } })
  })
})
