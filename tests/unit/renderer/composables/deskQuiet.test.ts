import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createInputClock, waitForQuiet } from '@/composables/deskQuiet'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function desk() {
  const target = new EventTarget()
  const clock = createInputClock(target, () => Date.now())
  return { clock, use: (type = 'click') => target.dispatchEvent(new Event(type)) }
}

function follow(promise: Promise<void>) {
  const state = { done: false }
  void promise.then(() => (state.done = true))
  return state
}

describe('waiting for a pause in the desk’s use', () => {
  it('is over at once when nobody used the desk lately', async () => {
    const { clock } = desk()
    const wait = follow(waitForQuiet(clock, { quietMs: 1_000, maxWaitMs: 20_000 }).done)
    await vi.advanceTimersByTimeAsync(0)
    expect(wait.done).toBe(true)
  })

  it('waits until the desk has been left alone that long', async () => {
    const { clock, use } = desk()
    use('pointerdown')
    const wait = follow(waitForQuiet(clock, { quietMs: 1_000, maxWaitMs: 20_000 }).done)
    await vi.advanceTimersByTimeAsync(600)
    use('keydown')
    await vi.advanceTimersByTimeAsync(600)
    use('wheel')
    await vi.advanceTimersByTimeAsync(600)
    use('input')
    await vi.advanceTimersByTimeAsync(999)
    expect(wait.done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(wait.done).toBe(true)
  })

  it('waits no longer than its limit, however busy the desk', async () => {
    const { clock, use } = desk()
    use()
    const wait = follow(waitForQuiet(clock, { quietMs: 1_000, maxWaitMs: 5_000 }).done)
    for (let elapsed = 0; elapsed < 4_900; elapsed += 100) {
      use()
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(wait.done).toBe(false)
    use()
    await vi.advanceTimersByTimeAsync(100)
    expect(wait.done).toBe(true)
  })

  it('stops waiting when cancelled, and stops listening when disposed', async () => {
    const { clock, use } = desk()
    use()
    const wait = waitForQuiet(clock, { quietMs: 1_000, maxWaitMs: 5_000 })
    const state = follow(wait.done)
    wait.cancel()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(state.done).toBe(false)
    const before = clock.lastInputAt()
    clock.dispose()
    use()
    expect(clock.lastInputAt()).toBe(before)
  })
})
