import { describe, expect, it } from 'vitest'
import { createScheduler, type SyncTrigger } from '@/sync/scheduler'
import { deferred } from './harness'
import { manualEvent, manualTimers } from './timers'

function setup(run?: (trigger: SyncTrigger) => Promise<{ nextDueAt?: number | null } | void>) {
  const t = manualTimers()
  const focus = manualEvent()
  const online = manualEvent()
  const triggers: SyncTrigger[] = []
  let now = 1_000_000
  const scheduler = createScheduler({
    run: async (trigger) => {
      triggers.push(trigger)
      return run?.(trigger)
    },
    now: () => now,
    timers: t.timers,
    onFocus: focus.subscribe,
    onOnline: online.subscribe,
  })
  return { scheduler, t, focus, online, triggers, setNow: (v: number) => (now = v) }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('the sync scheduler', () => {
  it('runs at once on start, then every 30 seconds', async () => {
    const s = setup()
    await s.scheduler.start()
    expect(s.triggers).toEqual(['start'])
    expect(s.t.delays()).toEqual([30_000])
    s.t.fire()
    await settle()
    expect(s.triggers).toEqual(['start', 'interval'])
    expect(s.t.delays()).toEqual([30_000])
    await s.scheduler.stop()
  })

  it('runs on window focus, on reconnect and on demand', async () => {
    const s = setup()
    await s.scheduler.start()
    s.focus.fire()
    await settle()
    s.online.fire()
    await settle()
    await s.scheduler.trigger()
    expect(s.triggers).toEqual(['start', 'focus', 'online', 'manual'])
    await s.scheduler.stop()
  })

  it('never overlaps runs: triggers during a run become one run right after it', async () => {
    const gate = deferred()
    let active = 0
    let most = 0
    const s = setup(async (trigger) => {
      active += 1
      most = Math.max(most, active)
      if (trigger === 'start') await gate.promise
      active -= 1
    })
    const started = s.scheduler.start()
    const manual = s.scheduler.trigger('manual')
    s.focus.fire()
    s.online.fire()
    gate.resolve()
    await Promise.all([started, manual])
    expect(s.triggers).toEqual(['start', 'manual'])
    expect(most).toBe(1)
    await s.scheduler.stop()
  })

  it('wakes up early for an outbox record that becomes due before the next tick', async () => {
    const s = setup(async (trigger) =>
      trigger === 'start' ? { nextDueAt: 1_000_000 + 2_000 } : undefined,
    )
    await s.scheduler.start()
    expect(s.t.delays()).toEqual([2_000])
    s.t.fire()
    await settle()
    expect(s.triggers).toEqual(['start', 'due'])
    expect(s.t.delays()).toEqual([30_000])
    await s.scheduler.stop()
  })

  it('keeps its schedule when a run throws', async () => {
    const s = setup(async () => {
      throw new Error('boom')
    })
    await s.scheduler.start()
    expect(s.t.delays()).toEqual([30_000])
    await s.scheduler.stop()
  })

  it('leaves no timer or listener behind when stopped, even mid-run', async () => {
    const gate = deferred()
    const s = setup(async () => gate.promise)
    const started = s.scheduler.start()
    const stopped = s.scheduler.stop()
    gate.resolve()
    await Promise.all([started, stopped])
    expect(s.t.delays()).toEqual([])
    expect(s.focus.count() + s.online.count()).toBe(0)
  })
})
